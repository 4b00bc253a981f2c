//! Saving the result: a download (a Blob, an object URL and an `<a
//! download>`, all in the browser) or a copy to the clipboard, optionally
//! without password bytes, as ProGet's "Hide Password Bytes" does.

use crate::dialog::Confirmations;
use crate::files::download_bytes;
use crate::forms::CheckBox;
use crate::labels::plural;
use crate::state::{Document, FileViews, HashJob, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::edit;
use proget_users_core::model::UsersFile;
use proget_users_core::write;

/// The bytes to save: the file, without password bytes if asked.
pub fn output(file: &UsersFile, hide_password_bytes: bool) -> Vec<u8> {
    if hide_password_bytes {
        let mut copy = file.clone();
        edit::hide_password_bytes(&mut copy);
        write::to_bytes(&copy)
    } else {
        write::to_bytes(file)
    }
}

#[component]
pub fn DownloadPanel() -> impl IntoView {
    let document = Document::get();
    let views = FileViews::get();
    let job = HashJob::get();
    let report = Report::get();
    let confirm = Confirmations::get();
    let hide = RwSignal::new(false);
    let errors = move || views.error_count();

    let download_now = move || {
        let name = document.download_name();
        let bytes = document.read_untracked(|f| output(f, hide.get_untracked()));
        match download_bytes(&name, "application/json", &bytes) {
            Ok(()) => {
                document.mark_saved();
                let how = if hide.get_untracked() {
                    " without password bytes"
                } else {
                    ""
                };
                report.info(format!("Downloaded {name}{how}"));
            }
            Err(e) => report.error(format!("The download failed: {e}")),
        }
    };
    let download = move |_| {
        let n = views.checks().with_untracked(|c| c.errors);
        if n > 0 {
            confirm.ask(
                format!("Download with {}?", plural(n, "error", "errors")),
                "ProGet's import may fail or do the wrong thing with this file. The problems list shows where.",
                "Download anyway",
                download_now,
            );
        } else {
            download_now();
        }
    };
    let copy = move |_| {
        let bytes = document.read_untracked(|f| output(f, hide.get_untracked()));
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}').to_owned();
        let clipboard = window().navigator().clipboard();
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            match done {
                Ok(_) => report.info("Copied the JSON to the clipboard"),
                Err(_) => report.error("The browser did not allow copying to the clipboard"),
            }
        });
    };
    let label = move || match errors() {
        0 => "Download".to_owned(),
        n => format!("Download ({})", plural(n, "error", "errors")),
    };

    view! {
        <section class="download" aria-labelledby="download-title">
            <h2 id="download-title">"Save"</h2>
            <div class="download-actions">
                <button
                    type="button"
                    class="button primary"
                    class:has-errors=move || { errors() > 0 }
                    disabled=move || job.busy()
                    on:click=download
                >
                    {label}
                </button>
                <button type="button" class="button" disabled=move || job.busy() on:click=copy>
                    "Copy JSON"
                </button>
            </div>
            <p class="muted file-as">
                {move || {
                    document.name();
                    format!("as {}", document.download_name())
                }}
            </p>
            <CheckBox value=hide label="Hide password bytes" />
            <Show when=move || hide.get()>
                <p class="hint">"Hashes are left out; an import keeps the passwords ProGet has."</p>
            </Show>
            <Show when=move || { views.plaintext() > 0 }>
                <p class="warning-text" role="note">
                    {move || match views.plaintext() {
                        1 => "1 plaintext password remains in the file.".to_owned(),
                        n => format!("{n} plaintext passwords remain in the file."),
                    }}
                </p>
            </Show>
        </section>
    }
}
