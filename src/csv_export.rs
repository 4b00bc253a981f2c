//! Users out as CSV (`Name,DisplayName,Email,Password,Groups`, the same
//! columns the CSV import reads), without secrets: the `Password` column is
//! empty.

use crate::files::download_bytes;
use crate::state::{plural, Editor, Status};
use leptos::prelude::*;
use proget_users_core::csv;

/// Today's date as `YYYY-MM-DD`, in the user's time zone.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The CSV's file name: the JSON file's, with `.csv` for `.json`.
pub fn csv_name(json_name: &str) -> String {
    let stem = json_name
        .strip_suffix(".json")
        .or_else(|| json_name.strip_suffix(".JSON"))
        .unwrap_or(json_name);
    format!("{stem}.csv")
}

/// Downloads every user of the file as CSV.
pub fn export_csv(editor: Editor) {
    let name = csv_name(&editor.download_name());
    let (text, count) = editor
        .file
        .with_untracked(|f| (csv::to_csv(f, None), f.users.len()));
    match download_bytes(&name, "text/csv", text.as_bytes()) {
        Ok(()) => editor.status.set(Status::Info(format!(
            "Exported {} to {name} (without passwords)",
            plural(count, "user", "users")
        ))),
        Err(e) => editor
            .status
            .set(Status::Error(format!("The export failed: {e}"))),
    }
}

/// The "Export CSV" button.
#[component]
pub fn ExportCsvButton() -> impl IntoView {
    let editor = Editor::get();
    view! {
        <button
            type="button"
            class="button quiet"
            title="Download the users as CSV: name, display name, email and groups (no passwords)"
            on:click=move |_| export_csv(editor)
        >
            "Export CSV"
        </button>
    }
}
