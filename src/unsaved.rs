//! The guard before anything replaces the open file: when it holds work
//! not yet downloaded, the user is asked first. The New and Example
//! buttons (in the toolbar and on the start screen) go through it.

use crate::dialog::Confirmations;
use crate::state::{Document, Editor, HashJob};
use leptos::prelude::*;

/// Runs `action` (which replaces the open file) at once, or after asking
/// when there is unsaved work.
pub fn guard_unsaved(
    document: Document,
    confirm: Confirmations,
    action_label: &str,
    action: impl Fn() + Send + Sync + 'static,
) {
    if document.unsaved_untracked() {
        let name = document.download_name();
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

/// "New file" and "Example" (labels as given), each behind the guard and
/// disabled while passwords are being hashed.
#[component]
pub fn StartButtons(
    new_label: &'static str,
    example_label: &'static str,
    class: &'static str,
) -> impl IntoView {
    let editor = Editor::get();
    view! {
        <GuardedButton label=new_label action="Start a new file" class=class on_go=Callback::new(move |()| editor.new_file()) />
        <GuardedButton label=example_label action="Open the example" class=class on_go=Callback::new(move |()| editor.open_example()) />
    }
}

/// A button whose action replaces the open file: it asks first when there
/// is unsaved work (`action` names it in the question).
#[component]
fn GuardedButton(
    label: &'static str,
    action: &'static str,
    class: &'static str,
    on_go: Callback<()>,
) -> impl IntoView {
    let document = Document::get();
    let confirm = Confirmations::get();
    let job = HashJob::get();
    view! {
        <button
            type="button"
            class=class
            disabled=move || job.busy()
            on:click=move |_| guard_unsaved(document, confirm, action, move || on_go.run(()))
        >
            {label}
        </button>
    }
}
