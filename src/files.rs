//! Files in and out of the browser, shared by every panel so they read and
//! save alike: the "Choose a file…" button, reading a chosen or dropped
//! file, and offering bytes as a download (a Blob, an object URL and an
//! `<a download>`, all in the browser; nothing is uploaded).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::parse::MAX_INPUT_BYTES;
use wasm_bindgen::JsCast;

/// A button that opens the browser's file chooser (a hidden `<input
/// type="file">` with the given `id` and `accept`) and hands the chosen
/// file to `on_file`.
#[component]
pub fn FileChooser<F>(
    /// The hidden input's id.
    id: &'static str,
    /// The file types to offer, as the input's `accept`.
    accept: &'static str,
    /// The button's classes.
    class: &'static str,
    /// The button's text.
    label: &'static str,
    /// Called with the chosen file.
    on_file: F,
) -> impl IntoView
where
    F: Fn(web_sys::File) + 'static,
{
    let chooser = NodeRef::<html::Input>::new();
    let on_choose = move |_| {
        let Some(input) = chooser.get() else { return };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file(file);
        }
        // Choosing the same file again must fire `change` again.
        input.set_value("");
    };
    view! {
        <input
            node_ref=chooser
            id=id
            class="visually-hidden"
            type="file"
            accept=accept
            tabindex="-1"
            aria-hidden="true"
            on:change=on_choose
        />
        <button
            type="button"
            class=class
            on:click=move |_| {
                if let Some(input) = chooser.get() {
                    input.click();
                }
            }
        >
            {label}
        </button>
    }
}

/// Reads a chosen or dropped file's bytes; the error is the message to
/// show, `"{name} could not be read: {why}"`.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    gloo_file::futures::read_as_bytes(&gloo_file::File::from(file))
        .await
        .map_err(|e| format!("{name} could not be read: {e}"))
}

/// Reads a file for a panel or dialog, in the background: `done` gets its
/// name and bytes, `problem` the message when it is larger than
/// [`MAX_INPUT_BYTES`] or cannot be read.
pub fn read_file(
    file: web_sys::File,
    done: impl FnOnce(String, Vec<u8>) + 'static,
    problem: impl FnOnce(String) + 'static,
) {
    let name = file.name();
    if file.size() as usize > MAX_INPUT_BYTES {
        problem(format!("{name} is too large to read"));
        return;
    }
    spawn_local(async move {
        match read_bytes(file).await {
            Ok(bytes) => done(name, bytes),
            Err(e) => problem(e),
        }
    });
}

/// Offers `bytes` as a download named `name`, of type `mime`; the error
/// says what the browser refused.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
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
