//! Printable credential slips for the users just given passwords: the
//! core's slips page ([`proget_users_core::slips`]: one slip per user with
//! the name, the display name, the server address and the password with a
//! label under each character, laid out to print one per page or several
//! per sheet), downloaded as a self-contained HTML file to print.
//!
//! The server address is typed once and remembered in localStorage (it is
//! not a secret); the passwords never are.

use crate::forms::Field;
use leptos::prelude::*;
use proget_users_core::slips::{Layout, SlipOptions};

/// Where the server address is remembered.
pub const SERVER_KEY: &str = "proget-users-editor.slips-server";

/// The server address as remembered, or empty.
pub fn remembered_server() -> String {
    storage()
        .and_then(|s| s.get_item(SERVER_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Remembers the server address for the next slips (forgets it when
/// empty). Best effort: storage may be full or refused.
pub fn remember_server(server: &str) {
    if let Some(storage) = storage() {
        let _ = if server.is_empty() {
            storage.remove_item(SERVER_KEY)
        } else {
            storage.set_item(SERVER_KEY, server)
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The options of the slips as the form holds them: the address trimmed.
pub fn slip_options(server: &str, layout: Layout) -> SlipOptions {
    SlipOptions {
        server: server.trim().to_owned(),
        layout,
    }
}

/// The name the slips are downloaded as.
pub fn slips_name(today: &str) -> String {
    format!("slips-{today}.html")
}

/// The server address and the layout of the slips, and their download.
#[component]
pub fn SlipsForm(
    server: RwSignal<String>,
    layout: RwSignal<Layout>,
    on_download: Callback<()>,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_download.run(());
    };
    let choices = Layout::ALL
        .iter()
        .map(|&choice| {
            view! {
                <label class="check-label">
                    <input
                        type="radio"
                        value=choice.name()
                        name="slips-layout"
                        prop:checked=move || layout.get() == choice
                        on:change=move |_| layout.set(choice)
                    />
                    {capitalized(choice.description())}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="form slips-form" on:submit=submit novalidate aria-label="Credential slips">
            <Field id="slips-server" label="Server address (printed on each slip)">
                <input
                    id="slips-server"
                    type="url"
                    inputmode="url"
                    autocomplete="url"
                    placeholder="https://proget.example.com"
                    prop:value=move || server.get()
                    on:input=move |ev| server.set(event_target_value(&ev))
                />
            </Field>
            <fieldset class="field">
                <legend>"Layout"</legend>
                {choices}
            </fieldset>
            <button type="submit" class="button">"Download slips"</button>
        </form>
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_take_the_address_trimmed() {
        let options = slip_options("  https://proget.example.com \n", Layout::SeveralPerSheet);
        assert_eq!(options.server, "https://proget.example.com");
        assert_eq!(options.layout, Layout::SeveralPerSheet);
    }

    #[test]
    fn names_and_labels() {
        assert_eq!(slips_name("2026-11-26"), "slips-2026-11-26.html");
        assert_eq!(capitalized("one slip per page"), "One slip per page");
        assert_eq!(capitalized(""), "");
    }
}
