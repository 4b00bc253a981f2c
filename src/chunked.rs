//! Hashing many passwords without freezing the page: the work is cut into
//! slices of a few dozen milliseconds, with the browser back in control
//! between them, and the progress shows in the hash banner (whose Cancel
//! button stops the run). Used by the CSV import and the password
//! generator; the plaintext-hashing run in [`hash_run`](super::hash_run)
//! works the same way.

use crate::password_dialog::wipe;
use crate::state::{Editor, HashProgress};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use proget_users_core::password::{self, PasswordError, PasswordHash};

/// How long one slice of hashing may hold the browser, in milliseconds.
const SLICE_MS: f64 = 40.0;

/// How a run of [`hash_in_slices`] ended.
#[derive(Debug)]
pub enum Hashed {
    /// Every password's hash, in the order given.
    Done(Vec<PasswordHash>),
    /// The user pressed Cancel.
    Cancelled,
    /// Another run is going; nothing was hashed.
    Busy,
    Failed(PasswordError),
}

/// Hashes `passwords` in slices, showing the progress in
/// [`Editor::hashing`]. The plaintexts are wiped before it returns.
pub async fn hash_in_slices(editor: Editor, mut passwords: Vec<String>) -> Hashed {
    if editor.hashing.with_untracked(Option::is_some) {
        passwords.iter_mut().for_each(wipe);
        return Hashed::Busy;
    }
    let total = passwords.len();
    editor.hashing.set(Some(HashProgress {
        done: 0,
        total,
        cancelled: false,
    }));
    let mut hashes = Vec::with_capacity(total);
    let mut outcome = None;
    while hashes.len() < total {
        // Let the browser paint the progress and handle input first.
        TimeoutFuture::new(0).await;
        if editor
            .hashing
            .with_untracked(|h| h.is_none_or(|h| h.cancelled))
        {
            outcome = Some(Hashed::Cancelled);
            break;
        }
        let started = js_sys::Date::now();
        while hashes.len() < total {
            match password::hash(&passwords[hashes.len()]) {
                Ok(hash) => hashes.push(hash),
                Err(e) => {
                    outcome = Some(Hashed::Failed(e));
                    break;
                }
            }
            if js_sys::Date::now() - started > SLICE_MS {
                break;
            }
        }
        if outcome.is_some() {
            break;
        }
        let done = hashes.len();
        editor.hashing.update(|h| {
            if let Some(h) = h {
                h.done = done;
            }
        });
    }
    passwords.iter_mut().for_each(wipe);
    editor.hashing.set(None);
    outcome.unwrap_or(Hashed::Done(hashes))
}
