//! Users out as CSV (`Name,DisplayName,Email,Password,Groups`, the same
//! columns the CSV import reads), without secrets: the `Password` column is
//! empty.

use crate::files::download_bytes;
use crate::labels::plural;
use crate::state::{Document, Report};
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

/// The "Export CSV" button: downloads every user of the file as CSV.
#[component]
pub fn ExportCsvButton() -> impl IntoView {
    let document = Document::get();
    let report = Report::get();
    let export = move |_| {
        let name = csv_name(&document.download_name());
        let (text, count) = document.read_untracked(|f| (csv::to_csv(f, None), f.users.len()));
        match download_bytes(&name, "text/csv", text.as_bytes()) {
            Ok(()) => report.info(format!(
                "Exported {} to {name} (without passwords)",
                plural(count, "user", "users")
            )),
            Err(e) => report.error(format!("The export failed: {e}")),
        }
    };
    view! {
        <button
            type="button"
            class="button quiet"
            title="Download the users as CSV: name, display name, email and groups (no passwords)"
            on:click=export
        >
            "Export CSV"
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::csv_name;

    #[test]
    fn the_csv_is_named_after_the_json() {
        assert_eq!(csv_name("users.json"), "users.csv");
        assert_eq!(csv_name("USERS.JSON"), "USERS.csv");
        assert_eq!(csv_name("export"), "export.csv");
    }
}
