//! The credentials sheet: the reminder to keep it safe, its download, and
//! what is left once it is downloaded.

use crate::files::download_bytes;
use crate::forms::{FormError, ModalActions};
use crate::generate::{sheet_name, Sheet, Stage};
use crate::labels::plural;
use crate::secrets::wipe;
use crate::state::Report;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Passwords set: download the sheet now.
#[component]
pub fn SheetReady(
    users: usize,
    sheet: SendWrapper<Sheet>,
    stage: RwSignal<Stage>,
    problem: RwSignal<Option<String>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let report = Report::get();
    let download = move |_| {
        let name = sheet_name();
        let mut text = sheet.csv();
        let saved = download_bytes(&name, "text/csv", text.as_bytes());
        wipe(&mut text);
        match saved {
            Ok(()) => {
                sheet.wipe();
                report.info(format!(
                    "Downloaded {name}: store it safely, it holds passwords in plaintext"
                ));
                stage.set(Stage::Downloaded { name });
            }
            Err(e) => problem.set(Some(format!("The download failed: {e}"))),
        }
    };
    view! {
        <div class="form">
            <p class="ok-text" role="status">
                {format!("New passwords are set for {}.", plural(users, "user", "users"))}
            </p>
            <div class="safety-note" role="note">
                <strong>"Download the credentials sheet now and store it safely."</strong>
                " It is the only copy of the passwords, in plaintext: hand each one over privately, then delete the sheet. This page forgets the passwords when you download it or close this dialog."
            </div>
            <FormError message=problem />
            <ModalActions on_close=on_close close_label="Close without the sheet">
                <button type="button" class="button primary" on:click=download>
                    "Download credentials sheet"
                </button>
            </ModalActions>
        </div>
    }
}

/// The sheet was downloaded: a last reminder.
#[component]
pub fn SheetDownloaded(name: String, on_close: Callback<()>) -> impl IntoView {
    view! {
        <div class="form">
            <p class="ok-text" role="status">{format!("Downloaded {name}.")}</p>
            <div class="safety-note" role="note">
                <strong>"Store it safely:"</strong>
                " it holds the passwords in plaintext. Hand them over privately and delete the sheet afterwards. The passwords are no longer in this page."
            </div>
            <div class="modal-actions">
                <button type="button" class="button primary" on:click=move |_| on_close.run(())>
                    "Done"
                </button>
            </div>
        </div>
    }
}
