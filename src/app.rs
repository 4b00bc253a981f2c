//! The page: toolbar, the screen of the moment, the status line, and what
//! works anywhere on it (dropping a file, the warning before leaving with
//! work not yet downloaded).

use crate::deferred::{fetched, split_point, Deferred};
use crate::dialog::{ConfirmDialog, Confirmations};
use crate::open_panel::{open_file, OpenPanel};
use crate::raw_view::RawView;
use crate::state::{Editor, Screen};
use crate::status_line::StatusLine;
use crate::toolbar::Toolbar;
use crate::workspace::Workspace;
use leptos::ev;
use leptos::prelude::*;
use web_sys::DragEvent;

/// The whole editor, with its own state.
#[component]
pub fn App() -> impl IntoView {
    Editor::new();
    provide_context(Confirmations::new());
    view! { <Shell /> }
}

/// The page around an [`Editor`] and [`Confirmations`] already in context
/// (tests provide their own).
#[component]
pub fn Shell() -> impl IntoView {
    let editor = Editor::get();
    let dragging = page_events(editor, Confirmations::get());
    view! {
        <div class="app">
            <Toolbar />
            <main class="main" id="main">
                {move || match editor.navigation.screen() {
                    Screen::Start => view! { <OpenPanel /> }.into_any(),
                    Screen::Raw => view! { <Deferred fetch=fetch_raw_view show=|| async { fetched!(raw_screen()) } /> }.into_any(),
                    Screen::Editor => view! { <Workspace /> }.into_any(),
                }}
            </main>
            <StatusLine />
            <ConfirmDialog />
            <div class="drop-overlay" class:shown=move || { dragging.get() > 0 } aria-hidden="true">
                <p>"Drop the file to open it"</p>
            </div>
        </div>
    }
}

// The raw view of a text that did not parse: fetched when first needed
// (crate::deferred).
split_point!(
    raw_view,
    fetch = fetch_raw_view,
    fn raw_screen() -> AnyView {
        view! { <RawView /> }.into_any()
    }
);

/// Listens on the window: a file dropped anywhere opens, and leaving the
/// page with unsaved work (or a hashing run) asks first. Returns how deep
/// a drag of files is over the page (0 when none is).
fn page_events(editor: Editor, confirm: Confirmations) -> RwSignal<i32> {
    let dragging = RwSignal::new(0_i32);
    let leave = window_event_listener(ev::beforeunload, move |e| {
        if editor.document.unsaved_untracked() || editor.job.busy_untracked() {
            e.prevent_default();
            e.set_return_value("Your changes have not been downloaded.");
        }
    });
    let enter = window_event_listener(ev::dragenter, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            dragging.update(|d| *d += 1);
        }
    });
    let exit = window_event_listener(ev::dragleave, move |e| {
        if carries_files(&e) {
            dragging.update(|d| *d = (*d - 1).max(0));
        }
    });
    let over = window_event_listener(ev::dragover, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        if !carries_files(&e) {
            return;
        }
        e.prevent_default();
        dragging.set(0);
        let file = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            open_file(editor, confirm, file);
        }
    });
    on_cleanup(move || {
        leave.remove();
        enter.remove();
        exit.remove();
        over.remove();
        drop.remove();
    });
    dragging
}

/// Whether a drag carries files (not text or a link).
fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|dt| dt.types().includes(&"Files".into(), 0))
        .unwrap_or(false)
}
