//! The users table: rows, filter, sort, selection, virtual rows.

use crate::util::{mount, settle, type_into, Mounted, THREE_USERS};
use leptos::prelude::*;
use proget_users_editor::users_table::UsersTable;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

/// The users table over `THREE_USERS`, shown.
async fn table() -> Mounted {
    let m = mount(THREE_USERS, || view! { <UsersTable /> });
    settle().await;
    m
}

/// Types `text` into the table's filter, as a user does, and lets the
/// table catch up.
async fn filter(m: &Mounted, text: &str) {
    type_into(&m.one("input[type=search]"), text);
    settle().await;
}

#[wasm_bindgen_test]
async fn the_users_table_shows_each_user_and_password_state() {
    let m = table().await;
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
    let m = table().await;
    let filtered: [(&str, &[&str]); 3] = [
        ("develop", &["jDoe", "mRoe"]),
        ("PLAINTEXT", &["jDoe"]),
        ("", &["Admin", "jDoe", "mRoe"]),
    ];
    for (text, names) in filtered {
        filter(&m, text).await;
        assert_eq!(m.texts("tr.user td.name"), names, "{text:?}");
    }

    // Each click on the display name's header turns its order around.
    let header = m.one("th.display");
    let sorted = [
        ("ascending", ["Admin", "jDoe", "mRoe"]),
        ("descending", ["mRoe", "jDoe", "Admin"]),
    ];
    for (order, names) in sorted {
        header
            .query_selector("button")
            .unwrap()
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click();
        settle().await;
        assert_eq!(header.get_attribute("aria-sort").as_deref(), Some(order));
        assert_eq!(m.texts("tr.user td.name"), names);
    }
}

#[wasm_bindgen_test]
async fn an_edit_shows_in_its_row_and_a_filtered_table_follows_it() {
    let m = table().await;
    filter(&m, "mary").await;
    assert_eq!(m.texts("tr.user td.name"), ["mRoe"]);
    let input = m.one("tr.user td.display input");
    input
        .unchecked_ref::<HtmlInputElement>()
        .set_value("Maria Roe");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(
        m.texts("tr.user td.name").is_empty(),
        "the filter no longer matches"
    );
    filter(&m, "maria").await;
    assert_eq!(m.texts("tr.user td.name"), ["mRoe"]);
}

#[wasm_bindgen_test]
async fn selecting_all_shown_rows_selects_only_the_filtered_users() {
    let m = table().await;
    filter(&m, "developers").await;
    m.one("th.check input")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(m.editor.table.selected_names(), ["jDoe", "mRoe"]);
    assert!(m.text().contains("2 selected"));
    assert_eq!(m.button("Remove 2 users…").get_attribute("disabled"), None);
}

#[wasm_bindgen_test]
async fn the_selection_follows_users_when_others_are_removed() {
    let m = table().await;
    m.editor.table.select_only([2]);
    m.editor
        .document
        .apply("remove", |f| {
            proget_users_core::edit::remove_user(f, "Admin")
        })
        .unwrap();
    settle().await;
    assert_eq!(m.editor.table.selected_names(), ["mRoe"]);
    assert_eq!(m.texts("tr.user.selected td.name"), ["mRoe"]);
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
    assert_eq!(
        m.editor.table.selection().with_untracked(|s| s.len()),
        3_000
    );
    // Revealing the last user scrolls it into the rendered slice.
    m.editor.reveal_user(2_999, false);
    settle().await;
    assert!(m.texts("tr.user td.name").contains(&"user02999".to_owned()));
}
