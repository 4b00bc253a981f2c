//! Undo and redo: buttons that name the step, keys, and a hashing run as
//! one step.

use crate::util::{
    key_event, mount, press, settle, start_hashing, until_hashed, Mounted, TWO_PLAINTEXT,
};
use leptos::prelude::*;
use proget_users_core::{edit, password};
use proget_users_editor::history_buttons::HistoryButtons;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

fn groups(m: &Mounted) -> Vec<String> {
    m.editor.document.read_untracked(|f| f.groups.clone())
}

/// Renames the group Developers to Devs, one step to undo, and lets the
/// page catch up.
async fn rename_developers(m: &Mounted) {
    m.editor
        .document
        .apply("Rename group", |f| {
            edit::rename_group(f, "Developers", "Devs")
        })
        .unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn buttons_name_the_step_and_keys_undo_and_redo() {
    let m = mount(TWO_PLAINTEXT, || view! { <HistoryButtons /> });
    settle().await;
    assert_eq!(
        m.button("Undo").get_attribute("aria-label").as_deref(),
        Some("Undo")
    );
    rename_developers(&m).await;
    let undo = m.button("Undo");
    assert_eq!(
        undo.get_attribute("aria-label").as_deref(),
        Some("Undo: renamed group Developers to Devs (1 member)")
    );
    undo.click();
    settle().await;
    assert_eq!(groups(&m), ["Administrators", "Developers"]);
    press("z", true, true);
    settle().await;
    assert_eq!(groups(&m), ["Administrators", "Devs"]);
    press("z", true, false);
    settle().await;
    assert_eq!(groups(&m), ["Administrators", "Developers"]);
    press("y", true, false);
    settle().await;
    assert_eq!(groups(&m), ["Administrators", "Devs"]);
    assert!(m.editor.document.unsaved_untracked());
}

#[wasm_bindgen_test]
async fn keys_in_a_text_field_are_left_to_it() {
    let m = mount(
        TWO_PLAINTEXT,
        || view! { <HistoryButtons /> <input id="history-text" type="text" /> },
    );
    rename_developers(&m).await;
    let input: HtmlInputElement = m.one("#history-text").unchecked_into();
    input.dispatch_event(&key_event("z", true, false)).unwrap();
    settle().await;
    assert_eq!(groups(&m), ["Administrators", "Devs"]);
}

#[wasm_bindgen_test]
async fn a_hashing_run_is_one_undo_step() {
    let m = mount(TWO_PLAINTEXT, || view! { <HistoryButtons /> });
    let e = m.editor;
    start_hashing(&m);
    until_hashed(&m).await;
    let d = e.document;
    assert_eq!(d.read_untracked(|f| f.plaintext_count()), 0);
    assert_eq!(d.undo_len(), 1);
    assert_eq!(
        d.undo_label().as_deref(),
        Some("hashed 2 plaintext passwords")
    );
    d.undo();
    let file = d.read_untracked(Clone::clone);
    assert_eq!(file.plaintext_count(), 2);
    assert_eq!(file.users[1].password.as_deref(), Some("one"));
    d.redo();
    let file = d.read_untracked(Clone::clone);
    assert!(password::verify("one", &file.users[1]));
    assert!(password::verify("two", &file.users[2]));
}
