//! The bar over the tabs with what works on many users at once: undo and
//! redo, CSV in and out, generated passwords for the selected users, and
//! checking a password. Comparing with another file has its own tab.

use crate::csv_export::ExportCsvButton;
use crate::csv_import::CsvImportDialog;
use crate::deferred::{fetched, split_point, Deferred};
use crate::generate::GenerateDialog;
use crate::history_buttons::HistoryButtons;
use crate::labels::plural;
use crate::state::{Document, HashJob, TableView};
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
pub fn ToolsBar() -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let job = HashJob::get();
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    let selected = move || table.selected_count();
    view! {
        <div class="tools-bar" role="toolbar" aria-label="Tools">
            <HistoryButtons />
            <span class="tools-sep" aria-hidden="true"></span>
            <button
                type="button"
                class="button quiet"
                disabled=move || job.busy()
                on:click=move |_| open.set(Some(Open::Import))
            >
                "Import CSV…"
            </button>
            <ExportCsvButton />
            <span class="tools-sep" aria-hidden="true"></span>
            <button
                type="button"
                class="button quiet"
                disabled=move || job.busy() || selected() == 0
                title=move || match selected() {
                    0 => "Select users in the table first".to_owned(),
                    n => format!("New random passwords for {}", plural(n, "selected user", "selected users")),
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
                disabled=move || document.users_len() == 0
                on:click=move |_| open.set(Some(Open::Verify))
            >
                "Verify a password…"
            </button>
        </div>
        {move || match open.get() {
            Some(Open::Import) => view! { <Deferred fetch=fetch_import_dialog show=move || async move { fetched!(import_dialog(close)) } /> }.into_any(),
            Some(Open::Generate) => view! { <Deferred fetch=fetch_generate_dialog show=move || async move { fetched!(generate_dialog(close)) } /> }.into_any(),
            Some(Open::Verify) => view! { <Deferred fetch=fetch_verify_dialog show=move || async move { fetched!(verify_dialog(close)) } /> }.into_any(),
            None => ().into_any(),
        }}
    }
}

// Each dialog's code is fetched when it first opens (crate::deferred).
split_point!(
    import_dialog,
    fetch = fetch_import_dialog,
    fn import_dialog(close: Callback<()>) -> AnyView {
        view! { <CsvImportDialog on_close=close /> }.into_any()
    }
);
split_point!(
    generate_dialog,
    fetch = fetch_generate_dialog,
    fn generate_dialog(close: Callback<()>) -> AnyView {
        view! { <GenerateDialog on_close=close /> }.into_any()
    }
);
split_point!(
    verify_dialog,
    fetch = fetch_verify_dialog,
    fn verify_dialog(close: Callback<()>) -> AnyView {
        view! { <VerifyDialog on_close=close /> }.into_any()
    }
);
