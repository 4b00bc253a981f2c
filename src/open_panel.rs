//! The ways to open a file: choose one, drop one anywhere on the page,
//! paste its text, start a new file or load ProGet's example. Nothing is
//! sent anywhere; the file is read in the browser.

use crate::dialog::Confirmations;
use crate::files::{read_bytes, FileChooser};
use crate::forms::{PasteForm, PasteHeading};
use crate::state::{Editor, Navigation, Screen};
use crate::unsaved::{guard_unsaved, StartButtons};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::parse::MAX_INPUT_BYTES;

/// Reads a chosen or dropped file and opens it (asking first when the open
/// file has work not yet downloaded).
pub fn open_file(editor: Editor, confirm: Confirmations, file: web_sys::File) {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_INPUT_BYTES {
        editor.refuse_too_large(&name, size);
        return;
    }
    if editor.job.busy_untracked() {
        editor
            .status
            .error("Wait for the passwords to be hashed, or cancel, before opening another file");
        return;
    }
    spawn_local(async move {
        match read_bytes(file).await {
            Ok(bytes) => {
                let label = format!("Open {name}");
                // Handed to the parser, not copied: the file opens once.
                let bytes = std::sync::Mutex::new(Some(bytes));
                guard_unsaved(editor.document, confirm, &label, move || {
                    let taken = bytes.lock().ok().and_then(|mut b| b.take());
                    if let Some(bytes) = taken {
                        editor.open_bytes(Some(name.clone()), bytes);
                    }
                })
            }
            Err(e) => editor.status.error(e),
        }
    });
}

#[component]
pub fn OpenPanel() -> impl IntoView {
    let editor = Editor::get();
    let navigation = Navigation::get();
    let confirm = Confirmations::get();
    let on_file = move |file| open_file(editor, confirm, file);
    let on_paste = Callback::new(move |text: String| {
        if text.trim().is_empty() {
            return;
        }
        guard_unsaved(
            editor.document,
            confirm,
            "Open the pasted text",
            move || {
                editor.open_text(None, &text);
            },
        );
    });
    let back_label = move || format!("Back to {}", editor.document.download_name());

    view! {
        <section class="open-panel" aria-labelledby="open-title">
            <h1 id="open-title">"Edit ProGet users and groups"</h1>
            <p class="lead">
                "Open the JSON file that ProGet exports under "
                <em>"Administration > Users & Tasks > Users"</em>
                " (Export, below the user table). It is read here, in your browser; nothing is uploaded."
            </p>
            <div class="open-grid">
                <div class="card open-file">
                    <h2>"A file"</h2>
                    <p>"Drop it anywhere on this page, or"</p>
                    <FileChooser
                        id="file-input"
                        accept=".json,application/json,text/plain"
                        class="button primary"
                        label="Choose a file…"
                        on_file=on_file
                    />
                </div>
                <PasteForm
                    id="paste-text"
                    label="Pasted text"
                    button="Open pasted text"
                    class="card open-paste"
                    rows=6
                    placeholder="{ \"users\": [ … ], \"groups\": [ … ] }"
                    heading=PasteHeading::H2
                    on_text=on_paste
                />
                <div class="card open-other">
                    <h2>"Or start here"</h2>
                    <StartButtons
                        new_label="New empty file"
                        example_label="Load ProGet’s example"
                        class="button"
                    />
                </div>
            </div>
            <Show when=move || navigation.loaded()>
                <p class="back">
                    <button
                        type="button"
                        class="button quiet"
                        on:click=move |_| navigation.show(Screen::Editor)
                    >
                        {back_label}
                    </button>
                </p>
            </Show>
        </section>
    }
}
