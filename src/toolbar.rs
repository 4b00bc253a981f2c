//! The bar at the top: the page's name, the open file and whether it has
//! work not yet downloaded, and the ways to open another one.

use crate::state::{Document, HashJob, Navigation, Screen};
use crate::unsaved::StartButtons;
use leptos::prelude::*;

#[component]
pub fn Toolbar() -> impl IntoView {
    let document = Document::get();
    let navigation = Navigation::get();
    let job = HashJob::get();
    let name = move || document.name().unwrap_or_else(|| "New file".to_owned());
    view! {
        <header class="toolbar">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">"ProGet users & groups"</span>
            </div>
            <Show when=move || navigation.loaded()>
                <div class="file-info">
                    <span class="file-name" title=name>{name}</span>
                    <Show when=move || document.unsaved()>
                        <span class="badge unsaved">"Not downloaded"</span>
                    </Show>
                </div>
            </Show>
            <nav class="toolbar-actions" aria-label="File">
                <button
                    type="button"
                    class="button quiet"
                    disabled=move || job.busy()
                    on:click=move |_| navigation.show(Screen::Start)
                >
                    "Open…"
                </button>
                <StartButtons new_label="New file" example_label="Example" class="button quiet" />
            </nav>
        </header>
    }
}
