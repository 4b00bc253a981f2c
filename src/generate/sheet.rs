//! The credentials sheet and the slips: the reminder to keep them safe,
//! their downloads, and the last reminder once one is downloaded. The
//! passwords stay in the dialog until it closes, so both can be had.

use crate::csv_export::today;
use crate::files::download_bytes;
use crate::forms::FormError;
use crate::generate::slips::{
    remember_server, remembered_server, slip_options, slips_name, SlipsForm,
};
use crate::generate::{sheet_name, Sheet};
use crate::labels::plural;
use crate::secrets::wipe;
use crate::state::Report;
use leptos::prelude::*;
use proget_users_core::slips::Layout;
use send_wrapper::SendWrapper;

/// Passwords set: download the sheet or the slips now.
#[component]
pub fn SheetReady(
    users: usize,
    sheet: SendWrapper<Sheet>,
    problem: RwSignal<Option<String>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let report = Report::get();
    let downloaded = RwSignal::new(Vec::<String>::new());
    let saved = move |name: String, result: Result<(), String>| match result {
        Ok(()) => {
            problem.set(None);
            report.info(format!(
                "Downloaded {name}: store it safely, it holds passwords in plaintext"
            ));
            downloaded.update(|d| d.push(name));
        }
        Err(e) => problem.set(Some(format!("The download failed: {e}"))),
    };
    let download_sheet = {
        let sheet = sheet.clone();
        move |_| {
            let name = sheet_name();
            let mut text = sheet.csv();
            let result = download_bytes(&name, "text/csv", text.as_bytes());
            wipe(&mut text);
            saved(name, result);
        }
    };
    let server = RwSignal::new(remembered_server());
    let layout = RwSignal::new(Layout::default());
    let download_slips = Callback::new(move |()| {
        let options = slip_options(&server.get_untracked(), layout.get_untracked());
        remember_server(&options.server);
        let name = slips_name(&today());
        // Wiped when dropped, right after the download took its copy.
        let page = sheet.slips(&options);
        let result = download_bytes(&name, "text/html", page.as_bytes());
        drop(page);
        saved(name, result);
    });
    let any = move || downloaded.with(|d| !d.is_empty());
    view! {
        <div class="form">
            <p class="ok-text" role="status">
                {move || {
                    let set = format!("New passwords are set for {}.", plural(users, "user", "users"));
                    downloaded.with(|d| match d.as_slice() {
                        [] => set,
                        names => format!("{set} Downloaded {}.", names.join(" and ")),
                    })
                }}
            </p>
            <div class="safety-note" role="note">
                {move || {
                    if any() {
                        view! {
                            <strong>"Store it safely:"</strong>
                            " it holds the passwords in plaintext. Hand them over privately and delete it afterwards. This page forgets the passwords when you close this dialog."
                        }
                            .into_any()
                    } else {
                        view! {
                            <strong>"Download the credentials sheet (or the slips) now and store it safely."</strong>
                            " It is the only copy of the passwords, in plaintext: hand each one over privately, then delete it. This page forgets the passwords when you close this dialog."
                        }
                            .into_any()
                    }
                }}
            </div>
            <SlipsForm server=server layout=layout on_download=download_slips />
            <FormError message=problem />
            <div class="modal-actions">
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {move || if any() { "Done" } else { "Close without them" }}
                </button>
                <button type="button" class="button primary" on:click=download_sheet>
                    "Download credentials sheet"
                </button>
            </div>
        </div>
    }
}
