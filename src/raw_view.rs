//! The raw view: a text that did not parse, kept whole in a text area with
//! every diagnostic and its line and column, so it can be fixed in place and
//! opened again. The caret goes to the first problem. Fixes typed here are
//! unsaved work: leaving or opening something else asks first, and the
//! fixed file opens as changed, not as the file on disk.

use crate::state::{Document, Editor, Navigation, Screen};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::parse::Diagnostic;
use proget_users_core::path::Position;

/// Pixels per line of the text area (its CSS `line-height`), to scroll a
/// line into view.
const LINE_HEIGHT: f64 = 20.0;

/// The UTF-16 range a text area selects for `at`: the character at that
/// line and column (1-based, columns in characters), or an empty range at
/// the end of a line or of the text.
pub fn selection_range(text: &str, at: Position) -> (u32, u32) {
    let mut offset = 0_usize;
    for (n, line) in text.split('\n').enumerate() {
        if n + 1 == at.line {
            let mut chars = line.chars();
            let before: usize = chars
                .by_ref()
                .take(at.column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            let start = offset + before;
            let width = chars
                .next()
                .filter(|c| *c != '\r')
                .map_or(0, char::len_utf16);
            return (start as u32, (start + width) as u32);
        }
        offset += line.encode_utf16().count() + 1;
    }
    let end = offset.saturating_sub(1) as u32;
    (end, end)
}

/// Moves the caret of `area` to a place in its text and scrolls there.
fn go_to(area: NodeRef<html::Textarea>, at: Position) {
    let Some(el) = area.get_untracked() else {
        return;
    };
    let (start, end) = selection_range(&el.value(), at);
    let _ = el.focus();
    let _ = el.set_selection_range(start, end);
    let top = (at.line as f64 - 3.0).max(0.0) * LINE_HEIGHT;
    el.set_scroll_top(top as i32);
}

#[component]
pub fn RawView() -> impl IntoView {
    let editor = Editor::get();
    let document = Document::get();
    let navigation = Navigation::get();
    let area = NodeRef::<html::Textarea>::new();
    let raw = Memo::new(move |_| document.raw());
    let title = move || {
        let name = raw
            .with(|r| r.as_ref().and_then(|r| r.name.clone()))
            .unwrap_or_else(|| "The pasted text".to_owned());
        format!("{name} could not be read")
    };
    let diagnostics = Signal::derive(move || {
        raw.with(|r| {
            r.as_ref()
                .map(|r| r.diagnostics.clone())
                .unwrap_or_default()
        })
    });

    // Fills the text area when a text arrives (again) and shows its first
    // problem.
    Effect::new(move |_| {
        let Some(el) = area.get() else { return };
        raw.with(|raw| {
            if let Some(raw) = raw {
                if el.value() != raw.text {
                    el.set_value(&raw.text);
                }
                if let Some(at) = raw.diagnostics.iter().find_map(|d| d.at) {
                    go_to(area, at);
                }
            }
        });
    });

    let reopen = move |_| {
        if let Some(el) = area.get_untracked() {
            document.fix_raw(el.value());
        }
        editor.reopen_raw();
    };

    view! {
        <section class="raw-view" aria-labelledby="raw-title">
            <header class="raw-head">
                <h1 id="raw-title">{title}</h1>
                <p>
                    "Fix the text below and open it again; it stays here until it opens. "
                    {move || match diagnostics.with(Vec::len) {
                        1 => "One problem:".to_owned(),
                        n => format!("{n} problems:"),
                    }}
                </p>
                <Diagnostics diagnostics=diagnostics area=area />
            </header>
            <label for="raw-text" class="visually-hidden">
                "JSON text"
            </label>
            <textarea
                node_ref=area
                id="raw-text"
                class="raw-text"
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                on:input=move |ev| document.fix_raw(event_target_value(&ev))
            ></textarea>
            <div class="raw-actions">
                <button type="button" class="button primary" on:click=reopen>
                    "Open again"
                </button>
                <Show when=move || navigation.loaded()>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| navigation.show(Screen::Editor)
                    >
                        "Back to the open file"
                    </button>
                </Show>
                <button
                    type="button"
                    class="button quiet"
                    on:click=move |_| navigation.show(Screen::Start)
                >
                    "Open something else"
                </button>
            </div>
        </section>
    }
}

/// The list of diagnostics, each with a button to its place.
#[component]
fn Diagnostics(
    #[prop(into)] diagnostics: Signal<Vec<Diagnostic>>,
    area: NodeRef<html::Textarea>,
) -> impl IntoView {
    let items = move || {
        diagnostics
            .get()
            .into_iter()
            .map(|d| {
                let message = match &d.path {
                    Some(path) => format!("{path}: {}", d.kind),
                    None => d.kind.to_string(),
                };
                let place = match d.at {
                    Some(at) => view! {
                        <button type="button" class="link place" on:click=move |_| go_to(area, at)>
                            {format!("Line {}, column {}", at.line, at.column)}
                        </button>
                    }
                    .into_any(),
                    None => view! { <span class="place">"Whole file"</span> }.into_any(),
                };
                view! {
                    <li class="diagnostic">
                        <span class="severity error">"error"</span>
                        {place}
                        <span class="message">{message}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="diagnostics">{items}</ul> }
}
