//! Hashing plaintext passwords in slices: progress, Cancel, one undo step,
//! and edits refused while a run goes on.

use crate::util::{mount, plaintext_users, settle, start_hashing, until_hashed, Mounted};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use proget_users_core::{edit, password};
use proget_users_editor::hash_banner::HashBanner;
use proget_users_editor::state::{Refused, Status};
use wasm_bindgen_test::wasm_bindgen_test;

/// The hashing banner over `n` users with plaintext passwords, hashing
/// them.
async fn hashing(n: usize) -> Mounted {
    let m = mount(&plaintext_users(n), || view! { <HashBanner /> });
    settle().await;
    start_hashing(&m);
    m
}

#[wasm_bindgen_test]
async fn hashing_plaintext_passwords_hashes_each_and_reports_progress() {
    let mut users = vec![
        r#"{"userName":"a","password":"one"}"#.to_owned(),
        r#"{"userName":"b","password":"pässwörd 🔑"}"#.to_owned(),
        r#"{"userName":"c"}"#.to_owned(),
        r#"{"userName":"d","password":"three"}"#.to_owned(),
    ];
    users.extend((0..397).map(|i| format!(r#"{{"userName":"more{i}","password":"pw{i}"}}"#)));
    let json = format!(r#"{{"users":[{}],"groups":[]}}"#, users.join(","));
    let m = mount(&json, || view! { <HashBanner /> });
    settle().await;
    assert!(m.text().contains("400 users have plaintext passwords."));
    let e = m.editor;
    start_hashing(&m);
    // The run yields between slices: the page shows progress on the way.
    let mut seen = Vec::new();
    while e.job.busy_untracked() {
        if let Some(bar) = m.root.query_selector("progress").unwrap() {
            seen.push(bar.get_attribute("aria-valuenow").unwrap_or_default());
        }
        TimeoutFuture::new(1).await;
    }
    assert!(
        seen.iter().any(|v| v != "0" && v != "400"),
        "no progress between start and end: {seen:?}"
    );
    let file = e.document.read_untracked(Clone::clone);
    assert_eq!(file.plaintext_count(), 0);
    assert!(password::verify("one", &file.users[0]));
    assert!(password::verify("pässwörd 🔑", &file.users[1]));
    assert!(file.users[2].password_bytes.is_none());
    assert!(password::verify("three", &file.users[3]));
    assert_eq!(
        e.status.status_untracked(),
        Status::Info("Hashed 400 passwords".into())
    );
    settle().await;
    assert!(!m.text().contains("plaintext"));
}

#[wasm_bindgen_test]
async fn cancelling_a_hash_run_keeps_the_rest_in_plaintext() {
    let m = hashing(600).await;
    let e = m.editor;
    while e.job.progress().is_some_and(|p| p.done == 0) {
        TimeoutFuture::new(1).await;
    }
    m.button("Cancel").click();
    until_hashed(&m).await;
    let file = e.document.read_untracked(Clone::clone);
    let left = file.plaintext_count();
    assert!(left > 0 && left < 600, "{left} left in plaintext");
    for user in file.users.iter().filter(|u| u.password.is_none()) {
        let n = &user.user_name[1..];
        assert!(password::verify(&format!("pw{n}"), user));
    }
    match e.status.status_untracked() {
        Status::Info(text) => assert!(text.contains("cancelled"), "{text}"),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn edits_during_a_hashing_run_are_refused_and_never_join_its_undo_step() {
    let m = hashing(300).await;
    let e = m.editor;
    TimeoutFuture::new(1).await;
    assert!(e.job.busy_untracked(), "the run is going");
    let refused = e.document.apply("Display name", |f| {
        edit::set_display_name(f, "u299", Some("Changed during the run"))
    });
    assert_eq!(refused, Err(Refused::Busy));
    match e.status.status_untracked() {
        Status::Error(text) => assert!(text.contains("passwords are being hashed"), "{text}"),
        other => panic!("the reason is shown: {other:?}"),
    }
    until_hashed(&m).await;
    assert_eq!(e.document.read_untracked(|f| f.plaintext_count()), 0);
    // Edited after the run: its own step, undone first; then the run.
    e.document
        .apply("Display name", |f| {
            edit::set_display_name(f, "u0", Some("After"))
        })
        .unwrap();
    e.document.undo();
    e.document.undo();
    let file = e.document.read_untracked(Clone::clone);
    assert_eq!(
        file.plaintext_count(),
        300,
        "undoing the run brings every plaintext back"
    );
    assert!(file.users.iter().all(|u| u.display_name.is_none()));
    assert_eq!(e.document.undo_len(), 0);
}
