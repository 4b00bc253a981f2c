//! Credential slips: one per user, every value escaped, nothing loaded,
//! and printed by headless Chromium to as many pages as the layout says.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::generate::{self, Credential, PasswordPolicy};
use proget_users_core::slips::{self, Layout, SlipOptions, CONTENT_SECURITY_POLICY, STYLE};
use proget_users_core::text::is_unsafe;

fn credential(user_name: &str, display_name: Option<&str>, password: &str) -> Credential {
    Credential {
        user_name: user_name.into(),
        display_name: display_name.map(Into::into),
        email: None,
        password: password.into(),
    }
}

/// `n` users with generated passwords.
fn users(n: usize) -> Vec<Credential> {
    (0..n)
        .map(|i| {
            let password = generate::generate(&PasswordPolicy::default()).unwrap();
            credential(
                &format!("user{i:03}"),
                Some(&format!("User {i}")),
                &password,
            )
        })
        .collect()
}

fn options(layout: Layout) -> SlipOptions {
    SlipOptions {
        server: "https://proget.example.com".into(),
        layout,
    }
}

fn slips_in(page: &str) -> usize {
    page.matches("<section class=\"slip\"").count()
}

/// The text between the first `open` after `from` and the next `close`.
fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page.find(open).expect(open) + open.len();
    let end = start + page[start..].find(close).expect(close);
    &page[start..end]
}

#[test]
fn one_slip_per_user_with_name_server_password_and_the_change_line() {
    for n in [0, 1, 7] {
        let credentials = users(n);
        for layout in Layout::ALL {
            let page = slips::html(&credentials, &options(layout));
            assert_eq!(slips_in(&page), n, "{n} users, {layout}");
            assert_eq!(page.matches("</section>").count(), n);
            assert_eq!(
                page.matches("change it the first time you sign in").count(),
                n
            );
            assert_eq!(page.matches("https://proget.example.com").count(), n);
            assert!(page.contains(&format!("<body class=\"{}\">", layout.name())));
        }
        let page = slips::html(&credentials, &options(Layout::OnePerPage));
        for c in &credentials {
            assert!(page.contains(&format!(
                "<dd class=\"user-name mono\">{}</dd>",
                c.user_name
            )));
            let shown = c.display_name.as_deref().unwrap();
            assert!(page.contains(&format!("<dd class=\"display-name\">{shown}</dd>")));
        }
        // One cell per password character.
        let cells: usize = credentials.iter().map(|c| c.password.chars().count()).sum();
        assert_eq!(page.matches("<li><span class=\"char\">").count(), cells);
    }
}

#[test]
fn each_password_character_is_shown_with_its_name_and_kind() {
    let page = slips::html(
        &[credential("a", None, "Il1|O0o x")],
        &options(Layout::OnePerPage),
    );
    let cells: Vec<&str> = between(&page, "<ol class=\"password\"", "</ol>")
        .split("<li>")
        .skip(1)
        .collect();
    let expected = [
        ("I", "INDIA", "capital"),
        ("l", "lima", "small"),
        ("1", "one", "digit"),
        ("|", "bar", "symbol"),
        ("O", "OSCAR", "capital"),
        ("0", "zero", "digit"),
        ("o", "oscar", "small"),
        ("\u{2423}", "space", "blank"),
        ("x", "xray", "small"),
    ];
    assert_eq!(cells.len(), expected.len());
    for (cell, (glyph, say, kind)) in cells.iter().zip(expected) {
        assert_eq!(
            *cell,
            format!(
                "<span class=\"char\">{glyph}</span><span class=\"say\">{say}</span><span class=\"kind\">{kind}</span></li>"
            )
        );
    }
    assert!(page.contains("aria-label=\"9 characters\""));
}

#[test]
fn every_value_is_escaped() {
    let evil = [
        credential(
            "<script>alert(1)</script>",
            Some("\"Quotes\" & 'apostrophes' <b>"),
            "<&>\"'\u{1b}\u{0}é",
        ),
        credential("evil\u{1b}[2J\u{7}", Some("right\u{202e}gnp.exe\u{0}"), "x"),
    ];
    let page = slips::html(
        &evil,
        &SlipOptions {
            server: "https://x.example/?a=1&b=<i>\u{85}x".into(),
            layout: Layout::SeveralPerSheet,
        },
    );
    assert!(
        !page.to_lowercase().contains("<script"),
        "{}",
        page.as_str()
    );
    assert!(!page.contains("<b>") && !page.contains("<i>"));
    assert!(
        !page.chars().any(|c| is_unsafe(c) && c != '\n'),
        "a control or reordering character came through raw"
    );
    for shown in [
        "<dd class=\"user-name mono\">&lt;script&gt;alert(1)&lt;/script&gt;</dd>",
        "<dd class=\"display-name\">&quot;Quotes&quot; &amp; &#39;apostrophes&#39; &lt;b&gt;</dd>",
        "<dd class=\"user-name mono\">evil\\u001b[2J\\u0007</dd>",
        "<dd class=\"display-name\">right\\u202egnp.exe\\u0000</dd>",
        "<dd class=\"server mono\">https://x.example/?a=1&amp;b=&lt;i&gt;\\u0085x</dd>",
        "<span class=\"char\">&lt;</span><span class=\"say\">less than</span>",
        "<span class=\"char\">&amp;</span><span class=\"say\">ampersand</span>",
        "<span class=\"char\">&gt;</span><span class=\"say\">greater than</span>",
        "<span class=\"char\">&quot;</span><span class=\"say\">double quote</span>",
        "<span class=\"char\">&#39;</span><span class=\"say\">apostrophe</span>",
        "<span class=\"char\">\u{25cc}</span><span class=\"say\">U+001B</span><span class=\"kind\">invisible</span>",
        "<span class=\"char\">\u{25cc}</span><span class=\"say\">U+0000</span><span class=\"kind\">invisible</span>",
        "<span class=\"char\">é</span><span class=\"say\">U+00E9</span><span class=\"kind\">letter</span>",
    ] {
        assert!(page.contains(shown), "missing {shown}");
    }
}

#[test]
fn the_page_loads_nothing_runs_nothing_and_asks_not_to_be_indexed() {
    let page = slips::html(&users(3), &options(Layout::OnePerPage));
    let head = between(&page, "<head>", "</head>");
    assert!(head
        .starts_with("\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\""));
    assert!(head.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    )));
    assert!(CONTENT_SECURITY_POLICY.starts_with("default-src 'none'; style-src 'sha256-"));
    assert!(head.contains("<meta name=\"robots\" content=\"noindex, nofollow, noarchive\">"));
    assert!(head.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
    // Only these elements and attributes: nothing that loads or runs.
    let elements = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "div", "p", "strong", "main",
        "section", "h2", "dl", "dt", "dd", "span", "ol", "li",
    ];
    let attributes = [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "role",
        "aria-label",
    ];
    for tag in page.split('<').skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name = tag.split([' ', '\n']).next().unwrap();
        assert!(elements.contains(&name), "the page has <{tag}>");
        // Values are quoted and escaped, so names stand outside the quotes.
        for outside in tag.split('"').step_by(2) {
            for attribute in outside
                .split_whitespace()
                .filter_map(|a| a.strip_suffix('='))
            {
                assert!(
                    attributes.contains(&attribute),
                    "the page has {attribute}= in <{tag}>"
                );
            }
        }
    }
    let lower = page.to_lowercase();
    for banned in ["url(", "@import", "@font-face", "javascript:"] {
        assert!(!lower.contains(banned), "the page has {banned:?}");
    }
    // The one style sheet is exactly the one the policy's hash allows.
    assert_eq!(page.matches("<style>").count(), 1);
    assert_eq!(between(&page, "<style>", "</style>"), STYLE);
}

#[test]
fn the_style_hash_in_the_policy_is_the_style_sheets() {
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE));
    assert_eq!(
        slips::STYLE_HASH,
        format!("sha256-{hash}"),
        "STYLE changed: set style_hash!() in slips.rs to \"sha256-{hash}\""
    );
}

#[test]
fn the_warning_shows_on_screen_only_and_the_layouts_print_as_said() {
    let page = slips::html(&users(2), &options(Layout::OnePerPage));
    assert!(page.contains("<div class=\"warning screen-only\" role=\"alert\">"));
    assert!(between(&page, "<div class=\"warning", "</div>").contains("passwords in plaintext"));
    let print = between(STYLE, "@media print {", "\n}\n");
    assert!(print.contains(".screen-only { display: none !important; }"));
    assert!(
        STYLE.contains(".slip {") && between(STYLE, ".slip {", "}").contains("break-inside: avoid")
    );
    assert!(between(STYLE, ".one-per-page .slip {", "}").contains("break-after: page"));
    assert!(STYLE.contains("@page {"));
}

#[test]
fn a_display_name_that_adds_nothing_is_left_out() {
    let page = slips::html(
        &[
            credential("jDoe", Some("jDoe"), "x"),
            credential("kim", Some(" "), "x"),
            credential("lee", None, "x"),
            credential("ann", Some("Ann Smith"), "x"),
        ],
        &options(Layout::SeveralPerSheet),
    );
    assert_eq!(page.matches("<dd class=\"display-name\">").count(), 1);
    assert!(page.contains("<dt>Name</dt><dd class=\"display-name\">Ann Smith</dd>"));
}

#[test]
fn an_empty_server_leaves_a_line_to_write_it_on() {
    let page = slips::html(
        &users(1),
        &SlipOptions {
            server: "  ".into(),
            layout: Layout::OnePerPage,
        },
    );
    assert!(page.contains("<dd class=\"server mono\"><span class=\"blank\"></span></dd>"));
}

#[test]
fn the_page_is_built_in_one_buffer_of_its_exact_size() {
    // A buffer that grew would have left copies of the passwords behind.
    let page = slips::html(&users(300), &options(Layout::SeveralPerSheet));
    assert_eq!(page.len(), page.capacity());
    assert_eq!(slips_in(&page), 300);
}

/// Prints the slips of `users` users with headless Chromium and counts the
/// PDF's pages.
fn printed_pages(chromium: &std::path::Path, users: usize, layout: Layout) -> usize {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = std::env::temp_dir().join(format!(
        "proget-users-slips-{}-{}",
        std::process::id(),
        layout.name()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("slips.html");
    let pdf = dir.join("slips.pdf");
    let page = slips::html(&self::users(users), &options(layout));
    std::fs::write(&html, page.as_bytes()).unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not print within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "chromium failed: {status}");
    let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
    // To look at the result: SLIPS_KEEP=DIR keeps the page and the PDF.
    if let Some(keep) = std::env::var_os("SLIPS_KEEP") {
        let keep = std::path::Path::new(&keep);
        std::fs::create_dir_all(keep).unwrap();
        std::fs::copy(&html, keep.join(format!("slips-{}.html", layout.name()))).unwrap();
        std::fs::copy(&pdf, keep.join(format!("slips-{}.pdf", layout.name()))).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
    count_pages(&bytes)
}

/// The number of page objects (`/Type /Page`, not `/Pages`) in a PDF.
fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let mut pages = 0;
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("/Type") {
        rest = rest[at + "/Type".len()..].trim_start();
        if let Some(after) = rest.strip_prefix("/Page") {
            if !after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                pages += 1;
            }
        }
    }
    pages
}

#[test]
fn chromium_prints_one_slip_per_page_or_several_per_sheet() {
    let chromium = std::path::Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!(
            "SKIPPED chromium_prints_one_slip_per_page_or_several_per_sheet: \
             /usr/bin/chromium is not installed (apt-get install chromium)"
        );
        return;
    }
    const USERS: usize = 5;
    // Both at once: each is mostly Chromium starting up.
    let several =
        std::thread::spawn(move || printed_pages(chromium, USERS, Layout::SeveralPerSheet));
    let one_per_page = printed_pages(chromium, USERS, Layout::OnePerPage);
    let several = several.join().unwrap();
    assert_eq!(one_per_page, USERS, "one slip per page");
    assert!(
        (1..USERS).contains(&several) && several <= USERS.div_ceil(2),
        "{several} pages for {USERS} slips, several per sheet"
    );
}
