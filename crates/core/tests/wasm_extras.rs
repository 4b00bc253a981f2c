//! Slips and weak-password warnings in the browser: the core compiled to
//! wasm32 and run in headless Chromium, as the page and its workers run it.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_extras
//! ```
#![cfg(target_arch = "wasm32")]

use proget_users_core::generate::{self, Credential, PasswordPolicy};
use proget_users_core::slips::{self, Layout, SlipOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn slips_are_made_in_the_browser() {
    let credentials: Vec<Credential> = (0..3)
        .map(|i| Credential {
            user_name: format!("<user{i}>"),
            display_name: None,
            email: None,
            password: generate::generate(&PasswordPolicy::default()).unwrap(),
        })
        .collect();
    let options = SlipOptions {
        server: "https://proget.example.com".into(),
        layout: Layout::SeveralPerSheet,
    };
    let page = slips::html(&credentials, &options);
    assert_eq!(page.matches("<section class=\"slip\"").count(), 3);
    assert!(page.contains("&lt;user2&gt;"));
    assert_eq!(page.len(), page.capacity());
}

#[cfg(feature = "strength")]
#[wasm_bindgen_test]
fn weak_passwords_are_found_in_the_browser() {
    use proget_users_core::strength::{assess, Owner, Personal};
    let jdoe = Owner {
        user_name: "jDoe",
        display_name: Some("John Doe"),
        email_address: None,
    };
    assert!(assess("password", &jdoe).unwrap().score < 3);
    let named = assess("JDoe2024!", &jdoe).unwrap().personal.unwrap();
    assert_eq!(named.field, Personal::UserName);
    for _ in 0..50 {
        let password = generate::generate(&PasswordPolicy::default()).unwrap();
        assert_eq!(assess(&password, &jdoe), None);
    }
}
