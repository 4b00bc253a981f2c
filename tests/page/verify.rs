//! Checking a password against the stored hash.

use crate::util::{mount, settle, TWO_PLAINTEXT};
use leptos::prelude::*;
use proget_users_editor::verify_dialog::VerifyDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

#[wasm_bindgen_test]
async fn verify_tells_match_from_no_match() {
    let m = mount(
        TWO_PLAINTEXT,
        || view! { <VerifyDialog on_close=Callback::new(|()| {}) /> },
    );
    settle().await;
    let field: HtmlInputElement = m.one("#verify-password").unchecked_into();
    field.set_value("Admin");
    m.button("Check").click();
    settle().await;
    assert!(m.text().contains("✓ Match"), "{}", m.text());
    assert_eq!(field.value(), "");
    field.set_value("wrong");
    m.button("Check").click();
    settle().await;
    assert!(m.text().contains("✗ No match"), "{}", m.text());
}
