//! Undo and redo: two buttons whose names say which step they undo or redo
//! ("Undo: renamed group Dev to Developers"), and the keys Ctrl+Z, and
//! Ctrl+Shift+Z or Ctrl+Y (⌘ on a Mac). The keys are left to the browser
//! while focus is in a text field, so text fields keep their own undo, and
//! while a dialog is open.

use crate::state::Editor;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a key press asks of the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKey {
    Undo,
    Redo,
}

/// The history command of a key with its modifiers: Ctrl+Z undoes,
/// Ctrl+Shift+Z and Ctrl+Y redo (⌘ for Ctrl on a Mac).
pub fn history_key(key: &str, ctrl_or_meta: bool, shift: bool, alt: bool) -> Option<HistoryKey> {
    if !ctrl_or_meta || alt {
        return None;
    }
    match (key.to_lowercase().as_str(), shift) {
        ("z", false) => Some(HistoryKey::Undo),
        ("z", true) | ("y", false) => Some(HistoryKey::Redo),
        _ => None,
    }
}

/// Whether the key went to a field where text is typed (those have their
/// own undo).
fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => {
            let kind = el.get_attribute("type").unwrap_or_default().to_lowercase();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "range" | "color"
            )
        }
        _ => false,
    }
}

/// Whether a modal dialog is open.
fn dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

#[component]
pub fn HistoryButtons() -> impl IntoView {
    let editor = Editor::get();
    let busy = move || editor.hashing.with(Option::is_some);
    let keys = window_event_listener(ev::keydown, move |e| {
        let Some(command) = history_key(
            &e.key(),
            e.ctrl_key() || e.meta_key(),
            e.shift_key(),
            e.alt_key(),
        ) else {
            return;
        };
        if in_text_field(&e) || dialog_open() || !editor.loaded.get_untracked() {
            return;
        }
        e.prevent_default();
        match command {
            HistoryKey::Undo => editor.undo(),
            HistoryKey::Redo => editor.redo(),
        }
    });
    on_cleanup(move || keys.remove());

    let undo_name = move || {
        editor.history.with(|h| match h.undo_label() {
            Some(l) => format!("Undo: {l}"),
            None => "Undo".to_owned(),
        })
    };
    let redo_name = move || {
        editor.history.with(|h| match h.redo_label() {
            Some(l) => format!("Redo: {l}"),
            None => "Redo".to_owned(),
        })
    };
    view! {
        <div class="history-buttons" role="group" aria-label="History">
            <button
                type="button"
                class="button quiet"
                aria-label=undo_name
                title=move || format!("{} (Ctrl+Z)", undo_name())
                disabled=move || busy() || !editor.history.with(|h| h.can_undo())
                on:click=move |_| editor.undo()
            >
                <span aria-hidden="true">"↶ "</span>
                "Undo"
            </button>
            <button
                type="button"
                class="button quiet"
                aria-label=redo_name
                title=move || format!("{} (Ctrl+Shift+Z)", redo_name())
                disabled=move || busy() || !editor.history.with(|h| h.can_redo())
                on:click=move |_| editor.redo()
            >
                <span aria-hidden="true">"↷ "</span>
                "Redo"
            </button>
        </div>
    }
}
