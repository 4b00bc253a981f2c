//! Saving the result: a download (a Blob, an object URL and an `<a
//! download>`, all in the browser) or a copy to the clipboard, optionally
//! without password bytes, as ProGet's "Hide Password Bytes" does.

use crate::dialog::Confirmations;
use crate::files::download_bytes;
use crate::state::{plural, Editor, Status};
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
    let editor = Editor::get();
    let confirm = Confirmations::get();
    let hide = RwSignal::new(false);
    let errors = Memo::new(move |_| editor.error_count());
    let plaintext = Memo::new(move |_| editor.file.with(|f| f.plaintext_count()));
    let busy = move || editor.hashing.with(Option::is_some);

    let download_now = move || {
        let name = editor.download_name();
        let bytes = editor
            .file
            .with_untracked(|f| output(f, hide.get_untracked()));
        match download_bytes(&name, "application/json", &bytes) {
            Ok(()) => {
                editor.dirty.set(false);
                let how = if hide.get_untracked() {
                    " without password bytes"
                } else {
                    ""
                };
                editor
                    .status
                    .set(Status::Info(format!("Downloaded {name}{how}")));
            }
            Err(e) => editor
                .status
                .set(Status::Error(format!("The download failed: {e}"))),
        }
    };
    let download = move |_| {
        let n = errors.get_untracked();
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
        let bytes = editor
            .file
            .with_untracked(|f| output(f, hide.get_untracked()));
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}').to_owned();
        let clipboard = window().navigator().clipboard();
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            editor.status.set(match done {
                Ok(_) => Status::Info("Copied the JSON to the clipboard".into()),
                Err(_) => {
                    Status::Error("The browser did not allow copying to the clipboard".into())
                }
            });
        });
    };
    let label = move || match errors.get() {
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
                    class:has-errors=move || { errors.get() > 0 }
                    disabled=busy
                    on:click=download
                >
                    {label}
                </button>
                <button type="button" class="button" disabled=busy on:click=copy>
                    "Copy JSON"
                </button>
            </div>
            <p class="muted file-as">{move || format!("as {}", editor.download_name())}</p>
            <label class="check-label">
                <input
                    type="checkbox"
                    prop:checked=move || hide.get()
                    on:change=move |ev| hide.set(event_target_checked(&ev))
                />
                "Hide password bytes"
            </label>
            <Show when=move || hide.get()>
                <p class="hint">"Hashes are left out; an import keeps the passwords ProGet has."</p>
            </Show>
            <Show when=move || { plaintext.get() > 0 }>
                <p class="warning-text" role="note">
                    {move || match plaintext.get() {
                        1 => "1 plaintext password remains in the file.".to_owned(),
                        n => format!("{n} plaintext passwords remain in the file."),
                    }}
                </p>
            </Show>
        </section>
    }
}
