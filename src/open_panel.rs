//! The ways to open a file: choose one, drop one anywhere on the page,
//! paste its text, start a new file or load ProGet's example. Nothing is
//! sent anywhere; the file is read in the browser.

use crate::dialog::Confirmations;
use crate::files::{read_bytes, FileChooser};
use crate::state::{Editor, Screen, Status};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::parse::MAX_INPUT_BYTES;

/// Runs `action` (which replaces the open file) at once, or after asking
/// when the open file has changes not yet downloaded.
pub fn guard_unsaved(
    editor: Editor,
    confirm: Confirmations,
    action_label: &str,
    action: impl Fn() + Send + Sync + 'static,
) {
    if editor.dirty.get_untracked() {
        let name = editor.download_name();
        confirm.ask(
            "Discard your changes?",
            format!("{name} has changes you have not downloaded. They will be lost."),
            format!("Discard and {}", action_label.to_lowercase()),
            action,
        );
    } else {
        action();
    }
}

/// Reads a chosen or dropped file and opens it (asking first when the open
/// file has changes not yet downloaded).
pub fn open_file(editor: Editor, confirm: Confirmations, file: web_sys::File) {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_INPUT_BYTES {
        editor.refuse_too_large(&name, size);
        return;
    }
    if editor.hashing.with_untracked(Option::is_some) {
        editor.status.set(Status::Error(
            "Wait for the passwords to be hashed, or cancel, before opening another file".into(),
        ));
        return;
    }
    spawn_local(async move {
        match read_bytes(file).await {
            Ok(bytes) => {
                let label = format!("Open {name}");
                guard_unsaved(editor, confirm, &label, move || {
                    editor.open_bytes(Some(name.clone()), &bytes);
                })
            }
            Err(e) => editor.status.set(Status::Error(e)),
        }
    });
}

#[component]
pub fn OpenPanel() -> impl IntoView {
    let editor = Editor::get();
    let confirm = Confirmations::get();
    let pasted = NodeRef::<html::Textarea>::new();
    let paste_empty = RwSignal::new(true);

    let on_file = move |file| open_file(editor, confirm, file);
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(area) = pasted.get() else { return };
        let text = area.value();
        if text.trim().is_empty() {
            return;
        }
        guard_unsaved(editor, confirm, "Open the pasted text", move || {
            editor.open_text(None, &text);
        });
    };
    let back_label = move || format!("Back to {}", editor.download_name());

    view! {
        <section class="open-panel" aria-labelledby="open-title">
            <h1 id="open-title">"Edit ProGet users and groups"</h1>
            <p class="lead">
                "Open the JSON file that ProGet exports under "
                <em>"Administration › Users & Tasks › Users › Export"</em>
                ". It is read here, in your browser; nothing is uploaded."
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
                <form class="card open-paste" on:submit=on_paste>
                    <h2>
                        <label for="paste-text">"Pasted text"</label>
                    </h2>
                    <textarea
                        node_ref=pasted
                        id="paste-text"
                        rows="6"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="{ \"users\": [ … ], \"groups\": [ … ] }"
                        on:input=move |ev| paste_empty.set(event_target_value(&ev).trim().is_empty())
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                                ev.prevent_default();
                                if let Some(form) = pasted.get().and_then(|a| a.form()) {
                                    let _ = form.request_submit();
                                }
                            }
                        }
                    ></textarea>
                    <button type="submit" class="button" disabled=move || paste_empty.get()>
                        "Open pasted text"
                    </button>
                </form>
                <div class="card open-other">
                    <h2>"Or start here"</h2>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            guard_unsaved(editor, confirm, "Start a new file", move || editor.new_file())
                        }
                    >
                        "New empty file"
                    </button>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            guard_unsaved(editor, confirm, "Open the example", move || editor.open_example())
                        }
                    >
                        "Load ProGet’s example"
                    </button>
                </div>
            </div>
            <Show when=move || editor.loaded.get()>
                <p class="back">
                    <button
                        type="button"
                        class="button quiet"
                        on:click=move |_| editor.screen.set(Screen::Editor)
                    >
                        {back_label}
                    </button>
                </p>
            </Show>
        </section>
    }
}
