//! One user's row. It reads its own user only ([`Document::user`]), so an
//! edit elsewhere in the file, or a slice of a hashing run that did not
//! touch it, leaves it alone; an input keeps its focus while the row stays.

use crate::labels::password_label;
use crate::state::{Document, HashJob, TableView};
use leptos::ev;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_core::model::PasswordState;
use proget_users_core::validate::is_plausible_email;

/// What a row shows of its user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Shown {
    name: String,
    display: String,
    email: String,
    groups: Vec<String>,
    state: Option<PasswordState>,
}

#[component]
pub fn UserRow(
    /// The row's place in the filtered, sorted list.
    position: usize,
    /// The user's index in the file.
    index: usize,
    password_for: RwSignal<Option<String>>,
) -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let user = Memo::new(move |_| {
        document
            .user(index, |u| Shown {
                name: u.user_name.clone(),
                display: u.display_name.clone().unwrap_or_default(),
                email: u.email_address.clone().unwrap_or_default(),
                groups: u.groups.clone(),
                state: Some(u.password_state()),
            })
            .unwrap_or_default()
    });
    let name = move || user.with(|u| u.name.clone());
    let state = move || password_label(user.with(|u| u.state.unwrap_or(PasswordState::None)));
    let is_selected = move || table.is_selected(index);
    let email_ok = move || {
        user.with(|u| {
            let e = u.email.trim();
            e.is_empty() || is_plausible_email(e)
        })
    };

    let set_display = move |value: String| {
        let value = value.trim();
        let value = (!value.is_empty()).then_some(value);
        let user = name();
        let _ = document.apply("Display name", |f| edit::set_display_name(f, &user, value));
    };
    let set_email = move |value: String| {
        let user = name();
        let _ = document.apply("Email", |f| edit::set_email(f, &user, Some(&value)));
    };
    view! {
        <tr
            class="user"
            class:selected=is_selected
            aria-rowindex=(position + 2).to_string()
            aria-selected=move || is_selected().to_string()
            data-index=index.to_string()
        >
            <td class="check">
                <input
                    type="checkbox"
                    aria-label=move || format!("Select {}", name())
                    prop:checked=is_selected
                    on:click=move |ev: ev::MouseEvent| table.click_row(position, index, ev.shift_key())
                />
            </td>
            <td class="name">
                <span class="cell-text" title=name>
                    {name}
                </span>
            </td>
            <td class="display">
                <CellInput
                    label=Signal::derive(move || format!("Display name of {}", name()))
                    value=Signal::derive(move || user.with(|u| u.display.clone()))
                    valid=Signal::from(true)
                    on_change=Callback::new(set_display)
                />
            </td>
            <td class="email">
                <CellInput
                    label=Signal::derive(move || format!("Email of {}", name()))
                    value=Signal::derive(move || user.with(|u| u.email.clone()))
                    valid=Signal::derive(email_ok)
                    on_change=Callback::new(set_email)
                    inputmode="email"
                />
            </td>
            <td class="groups">
                <span class="chips" title=move || user.with(|u| u.groups.join(", "))>
                    {move || {
                        user.with(|u| u.groups.clone())
                            .into_iter()
                            .map(|g| view! { <span class="chip">{g}</span> })
                            .collect_view()
                    }}
                </span>
            </td>
            <td class="password">
                <span class=move || format!("badge password-{}", state())>{state}</span>
                <button
                    type="button"
                    class="link set-password"
                    aria-label=move || format!("Set password for {}", name())
                    on:click=move |_| password_for.set(Some(name()))
                >
                    "Set…"
                </button>
            </td>
        </tr>
    }
}

/// A cell's text field: edited in place, committed on change (Enter
/// commits too), read-only while passwords are being hashed.
#[component]
fn CellInput(
    label: Signal<String>,
    value: Signal<String>,
    valid: Signal<bool>,
    on_change: Callback<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let job = HashJob::get();
    view! {
        <input
            class="cell-input"
            class:invalid=move || !valid.get()
            aria-invalid=move || (!valid.get()).to_string()
            aria-label=label
            inputmode=inputmode
            prop:value=value
            readonly=move || job.busy()
            on:change=move |ev| on_change.run(event_target_value(&ev))
            on:keydown=move |ev: ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
                    {
                        let _ = input.blur();
                    }
                }
            }
        />
    }
}
