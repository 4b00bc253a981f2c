//! Users out as CSV (`Name,DisplayName,Email,Password,Groups`, the same
//! columns the CSV import reads), without secrets: the `Password` column is
//! empty. Also the download helper for any text file.

use crate::csv;
use crate::ui::state::{plural, Editor, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`, of type `mime`.
pub fn save_text(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = document();
    let link: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "no anchor".to_owned())?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = doc.body().ok_or("no body")?;
    body.append_child(&link).map_err(fail)?;
    link.click();
    link.remove();
    // Revoked soon: the blob may hold secrets (a credentials sheet).
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

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
    match save_text(&name, &text, "text/csv") {
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
