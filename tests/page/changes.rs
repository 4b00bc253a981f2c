//! The import plan: counts and field changes.

use crate::util::{mount, settle, THREE_USERS};
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_editor::changes::Changes;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn the_import_plan_shows_counts_and_field_changes() {
    // Without plaintext passwords: a plaintext password is a change.
    let hashed_only = THREE_USERS.replace("\"password\": \"MySecurePassword!\",", "");
    let m = mount(&hashed_only, || view! { <Changes /> });
    settle().await;
    assert!(m
        .text()
        .contains("Importing this file would change nothing."));
    let d = m.editor.document;
    d.apply("add", |f| {
        edit::add_user(f, proget_users_core::User::new("newbie"))
    })
    .unwrap();
    d.apply("remove", |f| edit::remove_user(f, "mRoe")).unwrap();
    d.apply("email", |f| {
        edit::set_email(f, "jDoe", Some("john@example.org"))
    })
    .unwrap();
    settle().await;
    assert_eq!(
        m.texts(".count-card"),
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
