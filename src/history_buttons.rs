//! Undo and redo: two buttons whose names say which step they undo or redo
//! ("Undo: renamed group Dev to Developers"), and the keys Ctrl+Z, and
//! Ctrl+Shift+Z or Ctrl+Y (⌘ on a Mac). The keys are left to the browser
//! while focus is in a text field, so text fields keep their own undo, and
//! while a dialog is open.

use crate::state::{Document, HashJob, Navigation};
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
    let document = Document::get();
    let navigation = Navigation::get();
    let keys = window_event_listener(ev::keydown, move |e| {
        let Some(command) = history_key(
            &e.key(),
            e.ctrl_key() || e.meta_key(),
            e.shift_key(),
            e.alt_key(),
        ) else {
            return;
        };
        if in_text_field(&e) || dialog_open() || !navigation.loaded_untracked() {
            return;
        }
        e.prevent_default();
        match command {
            HistoryKey::Undo => document.undo(),
            HistoryKey::Redo => document.redo(),
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <div class="history-buttons" role="group" aria-label="History">
            <HistoryButton command=HistoryKey::Undo />
            <HistoryButton command=HistoryKey::Redo />
        </div>
    }
}

/// The undo or the redo button, named for the step it takes.
#[component]
fn HistoryButton(command: HistoryKey) -> impl IntoView {
    let document = Document::get();
    let job = HashJob::get();
    let (word, mark, keys) = match command {
        HistoryKey::Undo => ("Undo", "↶ ", "Ctrl+Z"),
        HistoryKey::Redo => ("Redo", "↷ ", "Ctrl+Shift+Z"),
    };
    let label = move || match command {
        HistoryKey::Undo => document.undo_label(),
        HistoryKey::Redo => document.redo_label(),
    };
    let name = move || match label() {
        Some(l) => format!("{word}: {l}"),
        None => word.to_owned(),
    };
    view! {
        <button
            type="button"
            class="button quiet"
            aria-label=name
            title=move || format!("{} ({keys})", name())
            disabled=move || job.busy() || label().is_none()
            on:click=move |_| match command {
                HistoryKey::Undo => document.undo(),
                HistoryKey::Redo => document.redo(),
            }
        >
            <span aria-hidden="true">{mark}</span>
            {word}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_undo_and_redo() {
        assert_eq!(history_key("z", true, false, false), Some(HistoryKey::Undo));
        assert_eq!(history_key("Z", true, true, false), Some(HistoryKey::Redo));
        assert_eq!(history_key("y", true, false, false), Some(HistoryKey::Redo));
        assert_eq!(history_key("z", false, false, false), None);
        assert_eq!(history_key("z", true, false, true), None);
        assert_eq!(history_key("x", true, false, false), None);
    }
}
