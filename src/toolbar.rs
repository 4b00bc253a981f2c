//! The bar at the top: the page's name, the open file and whether it has
//! changes not yet downloaded, and the ways to open another one.

use crate::dialog::Confirmations;
use crate::open_panel::guard_unsaved;
use crate::state::{Editor, Screen};
use leptos::prelude::*;

#[component]
pub fn Toolbar() -> impl IntoView {
    let editor = Editor::get();
    let confirm = Confirmations::get();
    let busy = move || editor.hashing.with(Option::is_some);
    let name = move || {
        editor
            .file_name
            .get()
            .unwrap_or_else(|| "New file".to_owned())
    };
    view! {
        <header class="toolbar">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">"ProGet users & groups"</span>
            </div>
            <Show when=move || editor.loaded.get()>
                <div class="file-info">
                    <span class="file-name" title=name>{name}</span>
                    <Show when=move || editor.dirty.get()>
                        <span class="badge unsaved">"Not downloaded"</span>
                    </Show>
                </div>
            </Show>
            <nav class="toolbar-actions" aria-label="File">
                <button
                    type="button"
                    class="button quiet"
                    disabled=busy
                    on:click=move |_| editor.screen.set(Screen::Start)
                >
                    "Open…"
                </button>
                <button
                    type="button"
                    class="button quiet"
                    disabled=busy
                    on:click=move |_| {
                        guard_unsaved(editor, confirm, "Start a new file", move || editor.new_file())
                    }
                >
                    "New file"
                </button>
                <button
                    type="button"
                    class="button quiet"
                    disabled=busy
                    on:click=move |_| {
                        guard_unsaved(
                            editor,
                            confirm,
                            "Open the example",
                            move || editor.open_example(),
                        )
                    }
                >
                    "Example"
                </button>
            </nav>
        </header>
    }
}
