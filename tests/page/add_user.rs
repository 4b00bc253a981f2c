//! The form that adds a user.

use crate::util::{mount, settle, type_into, THREE_USERS};
use leptos::prelude::*;
use proget_users_core::password;
use proget_users_editor::user_form::AddUserDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

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
        .document
        .read_untracked(|f| f.user("bob").cloned())
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
    assert!(m.editor.document.unsaved_untracked());
}
