//! The bar over the tabs with what works on many users at once: undo and
//! redo, CSV in and out, generated passwords for the selected users, and
//! checking a password. Comparing with another file has its own tab.

use crate::csv_export::ExportCsvButton;
use crate::csv_import::CsvImportDialog;
use crate::generate_dialog::GenerateDialog;
use crate::history_bar::HistoryButtons;
use crate::state::{plural, Editor};
use crate::verify_dialog::VerifyDialog;
use leptos::prelude::*;

/// Which dialog of the bar is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Import,
    Generate,
    Verify,
}

#[component]
pub fn PowerBar() -> impl IntoView {
    let editor = Editor::get();
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    let busy = move || editor.hashing.with(Option::is_some);
    let selected = move || editor.selection.with(|s| s.len());
    let no_users = move || editor.file.with(|f| f.users.is_empty());
    view! {
        <div class="power-bar" role="toolbar" aria-label="Tools">
            <HistoryButtons />
            <span class="power-sep" aria-hidden="true"></span>
            <button
                type="button"
                class="button quiet"
                disabled=busy
                on:click=move |_| open.set(Some(Open::Import))
            >
                "Import CSV…"
            </button>
            <ExportCsvButton />
            <span class="power-sep" aria-hidden="true"></span>
            <button
                type="button"
                class="button quiet"
                disabled=move || busy() || selected() == 0
                title=move || {
                    if selected() == 0 {
                        "Select users in the table first".to_owned()
                    } else {
                        format!("New random passwords for {}", plural(selected(), "selected user", "selected users"))
                    }
                }
                on:click=move |_| open.set(Some(Open::Generate))
            >
                {move || match selected() {
                    0 => "Generate passwords…".to_owned(),
                    n => format!("Generate passwords ({n})…"),
                }}
            </button>
            <button
                type="button"
                class="button quiet"
                disabled=no_users
                on:click=move |_| open.set(Some(Open::Verify))
            >
                "Verify a password…"
            </button>
        </div>
        {move || match open.get() {
            Some(Open::Import) => view! { <CsvImportDialog on_close=close /> }.into_any(),
            Some(Open::Generate) => view! { <GenerateDialog on_close=close /> }.into_any(),
            Some(Open::Verify) => view! { <VerifyDialog on_close=close /> }.into_any(),
            None => ().into_any(),
        }}
    }
}
