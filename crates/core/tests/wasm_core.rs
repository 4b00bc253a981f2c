//! The core in the browser: reading and writing files, compiled to wasm32
//! and run in headless Chromium (ProGet's hashes: `wasm_password.rs`).
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_core
//! ```
#![cfg(target_arch = "wasm32")]

use proget_users_core::edit;
use proget_users_core::model::PasswordState;
use proget_users_core::parse::{parse, ErrorKind};
use proget_users_core::password::verify;
use proget_users_core::validate::validate;
use proget_users_core::write::{to_bytes, to_json};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = proget_users_core::sample::EXAMPLE_EXPORT;

#[wasm_bindgen_test]
fn the_example_reads_and_writes_back_byte_for_byte() {
    let parsed = parse(EXAMPLE.as_bytes()).unwrap();
    assert_eq!(parsed.file.users.len(), 2);
    assert!(validate(&parsed.file).is_empty());
    assert_eq!(to_json(&parsed.file), EXAMPLE);

    let crlf = format!("\u{feff}{}", EXAMPLE.replace('\n', "\r\n"));
    let parsed = parse(crlf.as_bytes()).unwrap();
    assert_eq!(to_bytes(&parsed.file), crlf.as_bytes());

    let deep = "[".repeat(100_000);
    assert_eq!(
        parse(deep.as_bytes()).unwrap_err().first().kind,
        ErrorKind::TooDeep
    );
}

#[wasm_bindgen_test]
fn plaintext_is_hashed_in_place_in_the_browser() {
    let text = EXAMPLE.replace(
        "\"passwordBytes\": \"2TrI7i+MckZCprLE1cP36M8snwg=\",\n      \"saltBytes\": \"rDSMubDRmbcURg==\"",
        "\"password\": \"MySecurePassword!\"",
    );
    let mut file = parse(text.as_bytes()).unwrap().file;
    assert_eq!(file.plaintext_count(), 1);
    edit::hash_plaintext_passwords(&mut file).unwrap();
    let jdoe = file.user("jDoe").unwrap();
    assert_eq!(jdoe.password_state(), PasswordState::Hashed);
    assert!(verify("MySecurePassword!", jdoe));
    let out = to_json(&file);
    assert!(!out.contains("MySecurePassword!"));
    let reread = parse(out.as_bytes()).unwrap().file;
    assert_eq!(reread, file);
}

#[wasm_bindgen_test]
fn passwords_are_drawn_from_the_browser_rng_and_the_sheet_is_safe() {
    use proget_users_core::{csv, generate};
    let mut file = parse(EXAMPLE.as_bytes()).unwrap().file;
    file.users[0].set_display_name(Some("=HYPERLINK(\"http://attacker.example\")".into()));
    let policy = generate::PasswordPolicy::default();
    let (done, sheet) = generate::reset_passwords(&mut file, &["Admin", "jDoe"], &policy).unwrap();
    assert_eq!(done.users.len(), 2);
    assert_ne!(sheet[0].password, sheet[1].password);
    for c in &sheet {
        assert_eq!(c.password.chars().count(), 20);
        assert!(verify(&c.password, file.user(&c.user_name).unwrap()));
    }
    let text = generate::credentials_csv(&sheet);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://attacker.example\"\")\""));
    let back = csv::parse_csv(&text).unwrap();
    assert_eq!(back.rows.len(), 2);
    assert_eq!(
        back.rows[0].display_name.as_deref(),
        Some("=HYPERLINK(\"http://attacker.example\")")
    );
}
