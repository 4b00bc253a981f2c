//! Component tests of the browser editor: each mounts a component into the
//! page with an editor holding a known file, then checks what a user would
//! see in the DOM. Run them in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use proget_users_core::password;
use proget_users_core::{edit, UsersFile};
use proget_users_editor::changes::Changes;
use proget_users_editor::dialog::Confirmations;
use proget_users_editor::download::DownloadPanel;
use proget_users_editor::groups_panel::GroupsPanel;
use proget_users_editor::hash_run::hash_plaintext_passwords;
use proget_users_editor::problems::Problems;
use proget_users_editor::raw_view::RawView;
use proget_users_editor::state::{Editor, Screen, Status};
use proget_users_editor::user_form::AddUserDialog;
use proget_users_editor::users_table::UsersTable;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const THREE_USERS: &str = r#"{
  "users": [
    {
      "userName": "Admin",
      "displayName": "Administrator",
      "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=",
      "saltBytes": "sBaGqDLnTykFGQ==",
      "groups": ["Administrators"]
    },
    {
      "userName": "jDoe",
      "displayName": "John Doe",
      "emailAddress": "jdoe@example.com",
      "password": "MySecurePassword!",
      "groups": ["Developers"]
    },
    {
      "userName": "mRoe",
      "displayName": "Mary Roe",
      "groups": ["Developers", "Testers"]
    }
  ],
  "groups": ["Administrators", "Developers"]
}"#;

/// A mounted component and the editor it shows. Dropping it unmounts.
struct Mounted {
    root: HtmlElement,
    editor: Editor,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
            .collect()
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    fn button(&self, label: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label:?}"))
            .unchecked_into()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts `view` in a fresh container, with an editor that opened `json`.
fn mount<V: IntoView + 'static>(json: &str, view: impl FnOnce() -> V + 'static) -> Mounted {
    let doc = document();
    if doc.get_element_by_id("editor-style").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("editor-style");
        style.set_text_content(Some(include_str!("../style/main.css")));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    // The page gives the editor a fixed height; the table scrolls inside it.
    root.set_attribute(
        "style",
        "height: 600px; display: flex; flex-direction: column",
    )
    .unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let json = json.to_owned();
    let handle = mount_to(root.clone(), move || {
        let editor = Editor::new();
        editor.open_text(Some("users.json".into()), &json);
        provide_context(editor);
        provide_context(Confirmations::new());
        out.set(Some(editor));
        view()
    });
    Mounted {
        root,
        editor: slot.get().expect("the editor was created"),
        _handle: Box::new(handle),
    }
}

/// Lets effects and rendering catch up.
async fn settle() {
    for _ in 0..3 {
        TimeoutFuture::new(0).await;
    }
}

fn type_into(input: &Element, text: &str) {
    let input: &HtmlInputElement = input.unchecked_ref();
    input.set_value(text);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_users_table_shows_each_user_and_password_state() {
    let m = mount(THREE_USERS, || view! { <UsersTable /> });
    settle().await;
    assert_eq!(m.texts("tr.user td.name"), ["Admin", "jDoe", "mRoe"]);
    assert_eq!(
        m.texts("tr.user td.password .badge"),
        ["hashed", "plaintext", "none"]
    );
    let display: Vec<String> = m
        .all("tr.user td.display input")
        .iter()
        .map(|i| i.unchecked_ref::<HtmlInputElement>().value())
        .collect();
    assert_eq!(display, ["Administrator", "John Doe", "Mary Roe"]);
    assert_eq!(
        m.texts("tr.user:nth-child(4) .chip"),
        ["Developers", "Testers"]
    );
}

#[wasm_bindgen_test]
async fn the_filter_narrows_the_rows_and_sorting_reorders_them() {
    let m = mount(THREE_USERS, || view! { <UsersTable /> });
    settle().await;
    type_into(&m.one("input[type=search]"), "develop");
    settle().await;
    assert_eq!(m.texts("tr.user td.name"), ["jDoe", "mRoe"]);
    type_into(&m.one("input[type=search]"), "PLAINTEXT");
    settle().await;
    assert_eq!(m.texts("tr.user td.name"), ["jDoe"]);
    type_into(&m.one("input[type=search]"), "");
    settle().await;

    let header = m.one("th.display");
    header
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(
        header.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    assert_eq!(m.texts("tr.user td.name"), ["Admin", "jDoe", "mRoe"]);
    header
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(
        header.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert_eq!(m.texts("tr.user td.name"), ["mRoe", "jDoe", "Admin"]);
}

#[wasm_bindgen_test]
async fn selecting_all_shown_rows_selects_only_the_filtered_users() {
    let m = mount(THREE_USERS, || view! { <UsersTable /> });
    settle().await;
    type_into(&m.one("input[type=search]"), "developers");
    settle().await;
    m.one("th.check input")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(m.editor.selected_names(), ["jDoe", "mRoe"]);
    assert!(m.text().contains("2 selected"));
    assert_eq!(m.button("Remove 2 users…").get_attribute("disabled"), None);
}

#[wasm_bindgen_test]
async fn a_user_name_with_markup_is_shown_as_text() {
    let json = r#"{"users":[{"userName":"<img src=x onerror=alert(1)>","groups":["<b>g</b>"]}],"groups":[]}"#;
    let m = mount(json, || view! { <UsersTable /> });
    settle().await;
    assert_eq!(m.texts("tr.user td.name"), ["<img src=x onerror=alert(1)>"]);
    assert_eq!(m.texts("tr.user .chip"), ["<b>g</b>"]);
    assert!(m.root.query_selector("img").unwrap().is_none());
    assert!(m.root.query_selector("b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn thousands_of_users_render_only_the_rows_in_view() {
    // (The e2e tests load 10,000 into the release build; a debug build is slower.)
    let users: Vec<String> = (0..3_000)
        .map(|i| {
            format!(
                r#"{{"userName":"user{i:05}","displayName":"User {i}","groups":["g{}"]}}"#,
                i % 7
            )
        })
        .collect();
    let json = format!(r#"{{"users":[{}],"groups":[]}}"#, users.join(","));
    let m = mount(&json, || view! { <UsersTable /> });
    settle().await;
    let rendered = m.all("tr.user").len();
    assert!(rendered > 0 && rendered < 150, "{rendered} rows rendered");
    assert_eq!(
        m.one("table.users-table")
            .get_attribute("aria-rowcount")
            .as_deref(),
        Some("3001")
    );
    m.one("th.check input")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(m.editor.selection.with_untracked(|s| s.len()), 3_000);
    // Revealing the last user scrolls it into the rendered slice.
    m.editor.reveal_user(2_999, false);
    settle().await;
    assert!(m.texts("tr.user td.name").contains(&"user02999".to_owned()));
}

#[wasm_bindgen_test]
async fn a_parse_error_shows_its_line_and_column_and_keeps_the_text() {
    let broken = "{\n  \"users\": [\n    {\"userName\": \"a\" \"groups\": []}\n  ]\n}";
    let m = mount(broken, || view! { <RawView /> });
    settle().await;
    assert_eq!(m.editor.screen.get_untracked(), Screen::Raw);
    assert!(m.text().contains("Line 3, column 22"), "{}", m.text());
    let area: web_sys::HtmlTextAreaElement = m.one("textarea").unchecked_into();
    assert_eq!(area.value(), broken);
    // The caret sits on the problem: line 3, column 22 is the quote of "groups".
    let start = area.selection_start().unwrap().unwrap() as usize;
    assert_eq!(&broken[start..start + 8], "\"groups\"");

    // Fixed in place, the text opens.
    area.set_value(&broken.replace("\"a\" \"groups\"", "\"a\", \"groups\""));
    m.button("Open again").click();
    settle().await;
    assert_eq!(m.editor.screen.get_untracked(), Screen::Editor);
    assert_eq!(
        m.editor
            .file
            .with_untracked(|f| f.users[0].user_name.clone()),
        "a"
    );
}

#[wasm_bindgen_test]
async fn every_diagnostic_of_a_badly_shaped_file_is_listed() {
    let json = "{\n  \"users\": [\n    {\"userName\": 1},\n    {\"userName\": \"b\", \"groups\": \"x\"}\n  ]\n}";
    let m = mount(json, || view! { <RawView /> });
    settle().await;
    let items = m.texts("li.diagnostic");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].contains("Line 3") && items[0].contains("$.users[0].userName"));
    assert!(items[1].contains("Line 4") && items[1].contains("$.users[1].groups"));
}

#[wasm_bindgen_test]
async fn the_import_plan_shows_counts_and_field_changes() {
    // Without plaintext passwords: a plaintext password is a change.
    let hashed_only = THREE_USERS.replace("\"password\": \"MySecurePassword!\",", "");
    let m = mount(&hashed_only, || view! { <Changes /> });
    settle().await;
    assert!(m
        .text()
        .contains("Importing this file would change nothing."));
    let e = m.editor;
    e.apply("add", |f| {
        edit::add_user(f, proget_users_core::User::new("newbie"))
    })
    .unwrap();
    e.apply("remove", |f| edit::remove_user(f, "mRoe")).unwrap();
    e.apply("email", |f| {
        edit::set_email(f, "jDoe", Some("john@example.org"))
    })
    .unwrap();
    settle().await;
    let cards = m.texts(".count-card");
    assert_eq!(
        cards,
        [
            "Users added1",
            "Users updated1",
            "Users removed0",
            "Groups added0",
            "Groups removed0"
        ]
    );
    assert!(m
        .text()
        .contains("Email: “jdoe@example.com” → “john@example.org”"));
    // Only with "Delete missing users and groups" is the missing user removed.
    m.one(".changes-head input[type=checkbox]")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(m.texts(".count-card")[2], "Users removed1");
    assert!(m
        .texts(".change-group.removed li")
        .iter()
        .any(|t| t.contains("mRoe")));
}

#[wasm_bindgen_test]
async fn the_add_user_form_checks_names_and_emails_as_you_type() {
    let m = mount(THREE_USERS, || {
        view! { <AddUserDialog on_close=Callback::new(|()| {}) /> }
    });
    settle().await;
    type_into(&m.one("#new-user-name"), "ADMIN");
    settle().await;
    assert!(m
        .one("#new-user-name-error")
        .text_content()
        .unwrap()
        .contains("“Admin” is taken"));
    type_into(&m.one("#new-user-name"), "bob");
    type_into(&m.one("#new-user-email"), "not-an-email");
    settle().await;
    assert_eq!(m.one("#new-user-name-error").text_content().unwrap(), "");
    assert!(m
        .one("#new-user-email-error")
        .text_content()
        .unwrap()
        .contains("email address"));
    type_into(&m.one("#new-user-email"), "bob@example.com");
    m.one("#new-user-password")
        .unchecked_ref::<HtmlInputElement>()
        .set_value("s3cret pw");
    settle().await;
    m.button("Add user").click();
    settle().await;
    let bob = m
        .editor
        .file
        .with_untracked(|f| f.user("bob").cloned())
        .expect("bob was added");
    assert_eq!(bob.email_address.as_deref(), Some("bob@example.com"));
    assert!(bob.password.is_none());
    assert!(password::verify("s3cret pw", &bob));
    assert_eq!(
        m.one("#new-user-password")
            .unchecked_ref::<HtmlInputElement>()
            .value(),
        ""
    );
    assert!(m.editor.dirty.get_untracked());
}

#[wasm_bindgen_test]
async fn apply_reports_the_change_or_the_error_and_marks_the_file_changed() {
    let m = mount(THREE_USERS, || view! { <GroupsPanel /> });
    settle().await;
    let e = m.editor;
    assert!(!e.dirty.get_untracked());
    e.apply("Rename group", |f| {
        edit::rename_group(f, "Developers", "Devs")
    })
    .unwrap();
    assert_eq!(
        e.status.get_untracked(),
        Status::Info("Renamed group Developers to Devs (2 members)".into())
    );
    assert!(e.dirty.get_untracked());
    let before: UsersFile = e.file.get_untracked();
    assert!(e
        .apply("Add group", |f| edit::add_group(f, "Devs"))
        .is_err());
    assert_eq!(e.file.get_untracked(), before);
    assert_eq!(
        e.status.get_untracked(),
        Status::Error("Add group: a group \"Devs\" already exists".into())
    );
    settle().await;
    // "Testers" is named by mRoe but not declared: one click declares it.
    m.button("Add 1 missing group").click();
    settle().await;
    assert_eq!(
        e.file.with_untracked(|f| f.groups.clone()),
        ["Administrators", "Devs", "Testers"]
    );
    assert_eq!(m.texts(".groups-table td.num"), ["1", "2", "1"]);
}

#[wasm_bindgen_test]
async fn hashing_plaintext_passwords_hashes_each_and_reports_progress() {
    let mut users = vec![
        r#"{"userName":"a","password":"one"}"#.to_owned(),
        r#"{"userName":"b","password":"pässwörd 🔑"}"#.to_owned(),
        r#"{"userName":"c"}"#.to_owned(),
        r#"{"userName":"d","password":"three"}"#.to_owned(),
    ];
    users.extend((0..37).map(|i| format!(r#"{{"userName":"more{i}","password":"pw{i}"}}"#)));
    let json = format!(r#"{{"users":[{}],"groups":[]}}"#, users.join(","));
    let m = mount(
        &json,
        || view! { <proget_users_editor::hash_run::HashBanner /> },
    );
    settle().await;
    assert!(m.text().contains("40 users have plaintext passwords."));
    hash_plaintext_passwords(m.editor);
    // The run yields between slices: the page shows progress on the way.
    let mut seen = Vec::new();
    while m.editor.hashing.with_untracked(Option::is_some) {
        if let Some(bar) = m.root.query_selector("progress").unwrap() {
            seen.push(bar.get_attribute("aria-valuenow").unwrap_or_default());
        }
        TimeoutFuture::new(1).await;
    }
    assert!(
        seen.iter().any(|v| v != "0" && v != "40"),
        "no progress between start and end: {seen:?}"
    );
    let file = m.editor.file.get_untracked();
    assert_eq!(file.plaintext_count(), 0);
    assert!(password::verify("one", &file.users[0]));
    assert!(password::verify("pässwörd 🔑", &file.users[1]));
    assert!(file.users[2].password_bytes.is_none());
    assert!(password::verify("three", &file.users[3]));
    assert_eq!(
        m.editor.status.get_untracked(),
        Status::Info("Hashed 40 passwords".into())
    );
    settle().await;
    assert!(!m.text().contains("plaintext"));
}

#[wasm_bindgen_test]
async fn the_download_button_counts_errors_and_a_problem_leads_to_its_user() {
    let json = r#"{"users":[{"userName":"a"},{"userName":"b"},{"userName":"a"}],"groups":[]}"#;
    let m = mount(json, || view! { <DownloadPanel /> <Problems /> });
    settle().await;
    assert_eq!(
        m.texts(".download-actions .button.primary"),
        ["Download (1 error)"]
    );
    // One line per message: three users without a password make one line.
    let lines = m.texts(".problem-list li");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains("the user has no password") && lines[1].contains("3 users: a, b, a"));
    let problem = m
        .all("button.problem")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains("used twice"))
        .expect("the duplicate name is listed");
    problem.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(
        m.editor
            .selection
            .get_untracked()
            .into_iter()
            .collect::<Vec<_>>(),
        [2]
    );
    m.editor
        .apply("rename", |f| {
            f.users[2].user_name = "c".into();
            Ok(edit::Change::UserRenamed {
                from: "a".into(),
                to: "c".into(),
            })
        })
        .unwrap();
    settle().await;
    assert_eq!(m.texts(".download-actions .button.primary"), ["Download"]);
}

#[wasm_bindgen_test]
async fn cancelling_a_hash_run_keeps_the_rest_in_plaintext() {
    let users: Vec<String> = (0..60)
        .map(|i| format!(r#"{{"userName":"u{i}","password":"pw{i}"}}"#))
        .collect();
    let json = format!(r#"{{"users":[{}],"groups":[]}}"#, users.join(","));
    let m = mount(
        &json,
        || view! { <proget_users_editor::hash_run::HashBanner /> },
    );
    settle().await;
    hash_plaintext_passwords(m.editor);
    while m
        .editor
        .hashing
        .with_untracked(|h| h.is_some_and(|h| h.done == 0))
    {
        TimeoutFuture::new(1).await;
    }
    m.button("Cancel").click();
    while m.editor.hashing.with_untracked(Option::is_some) {
        TimeoutFuture::new(1).await;
    }
    let file = m.editor.file.get_untracked();
    let left = file.plaintext_count();
    assert!(left > 0 && left < 60, "{left} left in plaintext");
    for user in file.users.iter().filter(|u| u.password.is_none()) {
        let n = &user.user_name[1..];
        assert!(password::verify(&format!("pw{n}"), user));
    }
    match m.editor.status.get_untracked() {
        Status::Info(text) => assert!(text.contains("cancelled"), "{text}"),
        other => panic!("{other:?}"),
    }
}
