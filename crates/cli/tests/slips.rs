//! Printable credential slips: `reset ... --slips SLIPS.html` and `edit
//! --slips SLIPS.html ... --generate`. The page is read back here with a
//! small reader of its own markup (not the core's writer), and each slip's
//! password checked against the credentials sheet and the written hash.

use crate::util::*;
use std::fs;
use std::path::Path;

/// One slip as the page shows it.
#[derive(Debug, PartialEq, Eq)]
struct Slip {
    server: String,
    user_name: String,
    display_name: Option<String>,
    password: String,
}

/// HTML text back to plain text: the five references the page writes.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text between `start` and the next `end` after it, from `from`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let at = text.find(start)? + start.len();
    let len = text[at..].find(end)?;
    Some(&text[at..at + len])
}

/// Every slip of a page, in order.
fn slips(page: &str) -> Vec<Slip> {
    page.split("<section class=\"slip\"")
        .skip(1)
        .map(|slip| {
            let slip = &slip[..slip.find("</section>").expect("a slip ends")];
            let server = between(slip, "<dd class=\"server mono\">", "</dd>").unwrap();
            let password: String = slip
                .split("<span class=\"char\">")
                .skip(1)
                .map(|c| unescape(&c[..c.find("</span>").unwrap()]))
                .collect();
            let count = between(
                slip,
                "<ol class=\"password\" aria-label=\"",
                " characters\"",
            )
            .unwrap();
            assert_eq!(count.parse::<usize>().unwrap(), password.chars().count());
            Slip {
                server: unescape(server),
                user_name: unescape(
                    between(slip, "<dd class=\"user-name mono\">", "</dd>").unwrap(),
                ),
                display_name: between(slip, "<dd class=\"display-name\">", "</dd>").map(unescape),
                password,
            }
        })
        .collect()
}

#[cfg(unix)]
#[track_caller]
fn assert_owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{}: {mode:o}", path.display());
}

#[test]
fn reset_writes_one_slip_per_user_with_the_sheet_s_password() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--group",
            "developers",
            "-o",
            "out.json",
            "--credentials",
            "sheet.csv",
            "--slips",
            "slips.html",
            "--server",
            "https://proget.example.com",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "generated new passwords for 2 users\n\
         wrote the hashes to out.json, the passwords to sheet.csv and the slips to slips.html \
         (readable by you only)\n\
         note: sheet.csv holds the passwords in plaintext: store it safely, and delete it once \
         they are handed out\n\
         note: slips.html holds the passwords in plaintext: open it in a browser, print it, \
         and delete it once the slips are handed out\n"
    );
    let page = read(dir.path(), "slips.html");
    let rows = sheet_rows(&read(dir.path(), "sheet.csv"));
    let written = read(dir.path(), "out.json");
    let expected: Vec<Slip> = rows
        .iter()
        .map(|[name, display, _, password]| Slip {
            server: "https://proget.example.com".to_owned(),
            user_name: name.clone(),
            display_name: (!display.is_empty()).then(|| display.clone()),
            password: password.clone(),
        })
        .collect();
    assert_eq!(slips(&page), expected);
    assert_eq!(
        expected
            .iter()
            .map(|s| s.user_name.as_str())
            .collect::<Vec<_>>(),
        ["jDoe", "kim"]
    );
    for slip in &expected {
        assert_hash(&written, &slip.user_name, &slip.password);
        assert!(!stderr(&out).contains(&slip.password));
    }
    // One per page unless asked; nothing to load, nothing to run.
    assert!(page.contains("<body class=\"one-per-page\">"));
    assert!(page.contains("default-src 'none'"));
    assert!(
        !page.contains("<script") && !page.contains("src="),
        "{page}"
    );
    #[cfg(unix)]
    {
        assert_owner_only(&dir.path().join("slips.html"));
        assert_owner_only(&dir.path().join("sheet.csv"));
    }
}

#[test]
fn slips_may_stand_instead_of_the_sheet() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--all",
            "-o",
            "out.json",
            "--slips",
            "slips.html",
            "--layout",
            "several-per-sheet",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        files_in(dir.path()),
        ["out.json", "slips.html", "team.json"]
    );
    assert_eq!(
        stderr(&out).lines().nth(1),
        Some("wrote the hashes to out.json and the slips to slips.html (readable by you only)")
    );
    let page = read(dir.path(), "slips.html");
    assert!(page.contains("<body class=\"several-per-sheet\">"));
    let written = read(dir.path(), "out.json");
    let slips = slips(&page);
    let names: Vec<&str> = slips.iter().map(|s| s.user_name.as_str()).collect();
    assert_eq!(names, ["Admin", "jDoe", "kim", "lee"]);
    for slip in &slips {
        // Without --server, a line to write the address on.
        assert_eq!(slip.server, "<span class=\"blank\"></span>");
        assert_hash(&written, &slip.user_name, &slip.password);
    }
    // One of the two is needed, and --server and --layout need --slips.
    let refused: Vec<_> = [
        &[][..],
        &["--credentials", "s.csv", "--server", "https://x.example"],
        &["--credentials", "s.csv", "--layout", "several-per-sheet"],
        &["--slips", "s.html", "--layout", "grid"],
    ]
    .iter()
    .map(|extra| [&["reset", "team.json", "--all", "-o", "o.json"][..], extra].concat())
    .collect();
    assert_refused(dir.path(), &refused);
    assert_eq!(
        files_in(dir.path()),
        ["out.json", "slips.html", "team.json"]
    );
}

#[cfg(unix)]
#[test]
fn slips_replacing_a_file_others_could_read_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[("team.json", TEAM), ("slips.html", "old\n")]);
    let slips_path = dir.path().join("slips.html");
    fs::set_permissions(&slips_path, fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--user",
            "kim",
            "-o",
            "out.json",
            "--slips",
            "slips.html",
        ],
        b"",
    );
    assert_ok(&out);
    assert_owner_only(&slips_path);
    assert_eq!(slips(&read(dir.path(), "slips.html")).len(), 1);
}

#[test]
fn the_slips_are_a_file_of_their_own() {
    let dir = dir_with(&[("team.json", TEAM)]);
    fs::create_dir(dir.path().join("d")).unwrap();
    let reset = |extra: &[&str]| {
        let mut args = vec!["reset", "team.json", "--all"];
        args.extend_from_slice(extra);
        let out = run(dir.path(), &args, b"");
        assert_eq!(code(&out), 2, "{extra:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{extra:?}");
        assert_eq!(files_in(dir.path()), ["d", "team.json"], "{extra:?}");
        stderr(&out)
    };
    assert_eq!(
        reset(&["-o", "out.json", "--slips", "d/../out.json"]),
        "error: -o \"out.json\" and --slips \"d/../out.json\" are the same file: \
         each output needs a file of its own, or one would replace the other\n"
    );
    assert_eq!(
        reset(&[
            "-o",
            "out.json",
            "--credentials",
            "./s.csv",
            "--slips",
            "s.csv"
        ]),
        "error: --credentials \"./s.csv\" and --slips \"s.csv\" are the same file: \
         each output needs a file of its own, or one would replace the other\n"
    );
    assert_eq!(
        reset(&["-o", "out.json", "--slips", "./team.json"]),
        "error: FILE \"team.json\" and --slips \"./team.json\" are the same file: \
         writing the output would replace an input\n"
    );
    assert_eq!(
        reset(&["-o", "out.json", "--slips", "-"]),
        "error: reset writes --slips to a file, never to standard output (-)\n"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../out.json", dir.path().join("d/link.html")).unwrap();
        let err = reset(&["-o", "out.json", "--slips", "d/link.html"]);
        assert!(err.contains("are the same file"), "{err}");
        fs::remove_file(dir.path().join("d/link.html")).unwrap();
    }
    // The same for edit.
    let edit = |extra: &[&str]| {
        let mut args = vec!["edit", "team.json"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["set-user", "kim", "--generate"]);
        let out = run(dir.path(), &args, b"");
        assert_eq!(code(&out), 2, "{extra:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{extra:?}");
        assert_eq!(files_in(dir.path()), ["d", "team.json"], "{extra:?}");
        stderr(&out)
    };
    assert!(edit(&["--slips", "team.json"]).contains("are the same file"));
    assert!(edit(&["-o", "o.json", "--slips", "./o.json"]).contains("are the same file"));
    assert_eq!(
        edit(&["-o", "o.json", "--slips", "-"]),
        "error: edit writes --slips to a file, never to standard output (-)\n"
    );
}

#[test]
fn edit_writes_slips_for_generated_passwords() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = edit_team(
        dir.path(),
        &[
            "--slips",
            "new.html",
            "--server",
            "proget.example.com:8624",
            "add-user",
            "asmith",
            "--display-name",
            "Ann Smith",
            "--generate",
            ";",
            "set-user",
            "lee",
            "--generate",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "added user asmith\n\
         generated a new password for asmith\n\
         generated a new password for lee\n\
         note: new.html holds the generated passwords in plaintext (readable by you only): \
         open it in a browser, print it, and delete it once the slips are handed out\n"
    );
    assert_eq!(files_in(dir.path()), ["new.html", "out.json", "team.json"]);
    let written = read(dir.path(), "out.json");
    let slips = slips(&read(dir.path(), "new.html"));
    assert_eq!(slips.len(), 2);
    assert_eq!(
        (
            slips[0].user_name.as_str(),
            slips[0].display_name.as_deref()
        ),
        ("asmith", Some("Ann Smith"))
    );
    assert_eq!(
        (
            slips[1].user_name.as_str(),
            slips[1].display_name.as_deref()
        ),
        ("lee", None)
    );
    for slip in &slips {
        assert_eq!(slip.server, "proget.example.com:8624");
        assert_eq!(slip.password.chars().count(), 20);
        assert_hash(&written, &slip.user_name, &slip.password);
    }
    #[cfg(unix)]
    assert_owner_only(&dir.path().join("new.html"));

    // Slips need a --generate, as the sheet does.
    let out = run(
        dir.path(),
        &["edit", "team.json", "--slips", "s.html", "add-group", "QA"],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: --slips is given but no edit has --generate\n"
    );
}

/// A user whose names would run a script, break out of an attribute, or
/// recolour a terminal if written as they are.
const HOSTILE: &str = r#"{
  "users": [
    {
      "userName": "mallory\"><b>",
      "displayName": "<script>alert('x')</script> & <img src=x onerror=alert(1)>\u001b[2J\u202e",
      "groups": []
    }
  ],
  "groups": []
}
"#;

#[test]
fn names_from_the_file_are_escaped_on_the_slips() {
    let dir = dir_with(&[("users.json", HOSTILE)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "users.json",
            "--all",
            "-o",
            "out.json",
            "--slips",
            "slips.html",
            "--server",
            "<i>https://proget.example.com</i>",
        ],
        b"",
    );
    assert_ok(&out);
    assert_clean(&out);
    let page = read(dir.path(), "slips.html");
    for raw in ["<script", "<img", "<b>", "<i>", "\u{1b}", "\u{202e}"] {
        assert!(!page.contains(raw), "{raw:?} is in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img"));
    assert!(page.contains("mallory&quot;&gt;&lt;b&gt;"));
    let slips = slips(&page);
    assert_eq!(slips.len(), 1);
    assert_eq!(slips[0].user_name, "mallory\"><b>");
    assert_eq!(
        slips[0].display_name.as_deref(),
        Some("<script>alert('x')</script> & <img src=x onerror=alert(1)>\\u001b[2J\\u202e")
    );
    assert_eq!(slips[0].server, "<i>https://proget.example.com</i>");
    assert_hash(
        &read(dir.path(), "out.json"),
        "mallory\"><b>",
        &slips[0].password,
    );
}
