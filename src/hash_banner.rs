//! Hashing every plaintext password, with a progress bar and a Cancel
//! button: the banner over the tabs warns while plaintext passwords remain
//! and shows the run's progress. The run goes through the [`hashing`]
//! driver; each slice's hashes go into the file at once (waking only the
//! rows they changed), and the whole run is one undo step. Edits wait
//! until it ends ([`Document::apply`] refuses them, saying why), so
//! undoing the run undoes nothing else.
//!
//! [`hashing`]: crate::hashing

use crate::deferred::{act, split_point};
use crate::hashing::{hash_in_slices, Outcome};
use crate::labels::plural;
use crate::state::{Document, FileViews, HashJob, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::edit;
use std::cell::Cell;
use std::rc::Rc;

/// Starts hashing every plaintext password of the file (unless a run is
/// already going).
pub fn hash_plaintext_passwords(document: Document, job: HashJob, report: Report) {
    if job.busy_untracked() {
        return;
    }
    let (users, passwords): (Vec<usize>, Vec<String>) = document
        .read_untracked(edit::plaintext_passwords)
        .into_iter()
        .unzip();
    if users.is_empty() {
        return;
    }
    document.begin_run();
    let hashed = Rc::new(Cell::new(0));
    let counted = Rc::clone(&hashed);
    let run = hash_in_slices(job, passwords, move |range, plaintexts, hashes| {
        let slice: Vec<_> = users[range.clone()]
            .iter()
            .copied()
            .zip(plaintexts)
            .zip(hashes)
            .collect();
        document.run_slice(&users[range], |file| {
            let mut changed = Vec::with_capacity(slice.len());
            let mut done = Vec::with_capacity(slice.len());
            for ((index, plaintext), hash) in slice {
                let unchanged = file.users.get(index).and_then(|u| u.password.as_deref())
                    == Some(plaintext.as_str());
                if unchanged {
                    changed.push(index);
                    done.push((index, hash));
                }
            }
            edit::apply_hashes(file, done);
            changed
        });
        counted.set(counted.get() + plaintexts.len());
    });
    spawn_local(async move {
        let outcome = run.await;
        let hashed = hashed.get();
        document.end_run(&format!(
            "hashed {}",
            plural(hashed, "plaintext password", "plaintext passwords")
        ));
        let left = document.read_untracked(|f| f.plaintext_count());
        let summary = format!("Hashed {}", plural(hashed, "password", "passwords"));
        match outcome {
            Outcome::Failed(e) => report.error(format!("{summary}, then stopped: {e}")),
            Outcome::Cancelled { .. } => report.info(format!(
                "{summary}; cancelled with {} still in plaintext",
                plural(left, "password", "passwords")
            )),
            Outcome::Done | Outcome::Busy => report.info(summary),
        }
    });
}

// The hashing driver and the worker pool are fetched when the banner first
// offers to hash (crate::deferred), so that loading them is not part of
// the run the button starts.
split_point!(
    hashing,
    fetch = fetch_hashing,
    fn start_hashing(document: Document, job: HashJob, report: Report) -> () {
        hash_plaintext_passwords(document, job, report);
    }
);

/// The banner over the tabs: a warning with a button while plaintext
/// passwords remain, the progress while passwords are being hashed.
#[component]
pub fn HashBanner() -> impl IntoView {
    let document = Document::get();
    let views = FileViews::get();
    let job = HashJob::get();
    let report = Report::get();
    let plaintext = move || views.plaintext();
    // Fetch the hashing code once there is something to hash. Fetching is
    // done once (a later call finds it done or joins it); a failure here is
    // said when the button is pressed, which fetches again.
    Effect::new(move |_| {
        if plaintext() > 0 {
            leptos::task::spawn_local(async {
                let _ = fetch_hashing().await;
            });
        }
    });
    view! {
        <Show when=move || job.busy()>
            <HashProgressBar id="hash-progress" label="Hashing passwords" class="banner progress-banner" />
        </Show>
        <Show when=move || { !job.busy() && plaintext() > 0 }>
            <div class="banner warning-banner">
                <p>
                    <strong>
                        {move || match plaintext() {
                            1 => "1 user has a plaintext password.".to_owned(),
                            n => format!("{n} users have plaintext passwords."),
                        }}
                    </strong>
                    " ProGet hashes them on import, but anyone who sees this file can read them."
                </p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        act!(start_hashing(document, job, report), |e| report.error(format!("Sorry: {e}.")));
                    }
                >
                    {move || format!("Hash {}", plural(plaintext(), "plaintext password", "plaintext passwords"))}
                </button>
            </div>
        </Show>
    }
}

/// A hashing run's progress: "`label`: 3 of 40", a bar, and Cancel.
#[component]
pub fn HashProgressBar(
    id: &'static str,
    label: &'static str,
    class: &'static str,
) -> impl IntoView {
    let job = HashJob::get();
    let done = move || job.progress().map_or(0, |h| h.done);
    let total = move || job.progress().map_or(0, |h| h.total);
    view! {
        <div class=class>
            <label for=id>{move || format!("{label}: {} of {}", done(), total())}</label>
            <progress
                id=id
                max=move || total().to_string()
                value=move || done().to_string()
                aria-valuenow=move || done().to_string()
            ></progress>
            <button type="button" class="button" on:click=move |_| job.cancel()>
                "Cancel"
            </button>
        </div>
    }
}
