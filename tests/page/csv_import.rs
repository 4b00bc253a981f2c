//! The CSV import's preview and apply.

use crate::util::{mount, settle, type_into, TWO_PLAINTEXT};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use proget_users_core::password;
use proget_users_editor::csv_import::CsvImportDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

#[wasm_bindgen_test]
async fn csv_preview_lists_bad_rows_and_waits_for_the_choice_to_skip() {
    let m = mount(
        TWO_PLAINTEXT,
        || view! { <CsvImportDialog on_close=Callback::new(|()| {}) /> },
    );
    settle().await;
    type_into(
        &m.one("#csv-text"),
        "Name,DisplayName,Email,Password\nnew1,New One,,pw1\n,Nobody,,\n",
    );
    settle().await;
    m.button("Preview pasted CSV").click();
    settle().await;
    let text = m.text();
    assert!(text.contains("Line 3"), "{text}");
    assert!(text.contains("the name is empty"), "{text}");
    assert!(m.button("Apply").has_attribute("disabled"));
    m.one(".bad-rows input[type=checkbox]")
        .unchecked_into::<HtmlInputElement>()
        .click();
    settle().await;
    assert!(!m.button("Apply").has_attribute("disabled"));
    m.button("Apply").click();
    let d = m.editor.document;
    while d.read_untracked(|f| f.users.len()) < 4 {
        TimeoutFuture::new(10).await;
    }
    let file = d.read_untracked(Clone::clone);
    assert!(password::verify("pw1", &file.users[3]));
    assert!(file.users[3].password.is_none());
    assert_eq!(d.undo_len(), 1);
}
