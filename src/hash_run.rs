//! Hashing every plaintext password, with a progress bar and a Cancel
//! button. The work is cut into slices of a few dozen milliseconds; between
//! slices the browser gets control back, so the page stays responsive. Each
//! slice's hashes go into the file through one [`Editor::apply`], and the
//! whole run is recorded as one undo step ([`Editor::begin_batch`]).

use crate::password_dialog::wipe;
use crate::state::{plural, Editor, HashProgress, Status};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::edit::{self, EditError};
use proget_users_core::password;

/// How long one slice of hashing may hold the browser, in milliseconds.
const SLICE_MS: f64 = 40.0;

/// Starts hashing every plaintext password of the file (unless a run is
/// already going). A user whose plaintext changed meanwhile is left alone.
pub fn hash_plaintext_passwords(editor: Editor) {
    if editor.hashing.with_untracked(Option::is_some) {
        return;
    }
    let jobs = editor.file.with_untracked(edit::plaintext_passwords);
    let total = jobs.len();
    if total == 0 {
        return;
    }
    editor.hashing.set(Some(HashProgress {
        done: 0,
        total,
        cancelled: false,
    }));
    // The whole run is one undo step, however many slices it takes.
    editor.begin_batch();
    spawn_local(async move {
        let mut jobs = jobs.into_iter();
        let mut done = 0;
        let mut hashed = 0;
        let mut failure = None;
        loop {
            // Let the browser paint the progress and handle input first.
            TimeoutFuture::new(0).await;
            if editor
                .hashing
                .with_untracked(|h| h.is_none_or(|h| h.cancelled))
            {
                break;
            }
            let started = js_sys::Date::now();
            let mut chunk = Vec::new();
            for (index, plaintext) in jobs.by_ref() {
                let hash = password::hash(&plaintext);
                chunk.push((index, plaintext, hash));
                if js_sys::Date::now() - started > SLICE_MS {
                    break;
                }
            }
            if chunk.is_empty() {
                break;
            }
            done += chunk.len();
            let result = editor.apply("Hash passwords", |file| {
                let mut hashes = Vec::with_capacity(chunk.len());
                for (index, plaintext, hash) in &chunk {
                    let hash = hash.clone().map_err(EditError::Password)?;
                    let unchanged = file.users.get(*index).and_then(|u| u.password.as_deref())
                        == Some(plaintext.as_str());
                    if unchanged {
                        hashes.push((*index, hash));
                    }
                }
                Ok(edit::apply_hashes(file, hashes))
            });
            for (_, mut plaintext, _) in chunk {
                wipe(&mut plaintext);
            }
            match result {
                Ok(edit::Change::PasswordsHashed { users }) => hashed += users.len(),
                Ok(_) => {}
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
            editor.hashing.update(|h| {
                if let Some(h) = h {
                    h.done = done;
                }
            });
        }
        for (_, mut plaintext) in jobs {
            wipe(&mut plaintext);
        }
        let cancelled = editor
            .hashing
            .with_untracked(|h| h.is_some_and(|h| h.cancelled));
        editor.end_batch(&format!(
            "hashed {}",
            plural(hashed, "plaintext password", "plaintext passwords")
        ));
        editor.hashing.set(None);
        let left = editor.file.with_untracked(|f| f.plaintext_count());
        let summary = format!("Hashed {}", plural(hashed, "password", "passwords"));
        editor.status.set(match (failure, cancelled) {
            (Some(e), _) => Status::Error(format!("{summary}, then stopped: {e}")),
            (None, true) => Status::Info(format!(
                "{summary}; cancelled with {} still in plaintext",
                plural(left, "password", "passwords")
            )),
            (None, false) => Status::Info(summary),
        });
    });
}

/// The banner over the tabs: a warning with a button while plaintext
/// passwords remain, the progress while they are being hashed.
#[component]
pub fn HashBanner() -> impl IntoView {
    let editor = Editor::get();
    let plaintext = Memo::new(move |_| editor.file.with(|f| f.plaintext_count()));
    let running = move || editor.hashing.with(Option::is_some);
    let done = move || editor.hashing.get().map_or(0, |h| h.done);
    let total = move || editor.hashing.get().map_or(0, |h| h.total);
    view! {
        <Show when=running>
            <div class="banner progress-banner">
                <label for="hash-progress">
                    {move || format!("Hashing passwords: {} of {}", done(), total())}
                </label>
                <progress
                    id="hash-progress"
                    max=move || total().to_string()
                    value=move || done().to_string()
                    aria-valuenow=move || done().to_string()
                ></progress>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        editor.hashing.update(|h| {
                            if let Some(h) = h {
                                h.cancelled = true;
                            }
                        })
                    }
                >
                    "Cancel"
                </button>
            </div>
        </Show>
        <Show when=move || { !running() && plaintext.get() > 0 }>
            <div class="banner warning-banner">
                <p>
                    <strong>
                        {move || match plaintext.get() {
                            1 => "1 user has a plaintext password.".to_owned(),
                            n => format!("{n} users have plaintext passwords."),
                        }}
                    </strong>
                    " ProGet hashes them on import, but anyone who sees this file can read them."
                </p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| hash_plaintext_passwords(editor)
                >
                    {move || format!("Hash {}", plural(plaintext.get(), "plaintext password", "plaintext passwords"))}
                </button>
            </div>
        </Show>
    }
}
