//! The users table: filter, sort, select, edit display names and emails in
//! place, and act on the selected users (groups, removal). It renders only
//! the rows in view (plus a margin), so fifty thousand users scroll
//! smoothly; the filter and the selection work on the whole list. It is a
//! grid: the keys move through its rows ([`row_keys`]).

mod row_keys;
mod selection_bar;
mod sort_header;
mod table_tools;
mod user_row;
mod virtual_rows;

pub use selection_bar::SelectionBar;
pub use sort_header::SortHeader;
pub use table_tools::TableTools;
pub use user_row::UserRow;
pub use virtual_rows::VirtualRows;

use crate::deferred::{fetched, split_point, Deferred};
use crate::password_dialog::PasswordDialog;
use crate::user_form::AddUserDialog;
use leptos::prelude::*;

#[component]
pub fn UsersTable() -> impl IntoView {
    let adding = RwSignal::new(false);
    let password_for = RwSignal::new(None::<String>);
    // Set when the filter changes, so the rows go back to the top.
    let to_top = Trigger::new();
    view! {
        <div class="users">
            <TableTools on_add=Callback::new(move |()| adding.set(true)) to_top=to_top />
            <SelectionBar />
            <VirtualRows password_for=password_for to_top=to_top />
            <Show when=move || adding.get()>
                <Deferred fetch=fetch_add_user_dialog show=move || async move { fetched!(add_user_dialog(Callback::new(move |()| adding.set(false)))) } />
            </Show>
            {move || {
                password_for
                    .get()
                    .map(|user| {
                        let close = Callback::new(move |()| password_for.set(None));
                        view! { <Deferred fetch=fetch_password_dialog show=move || async move { fetched!(password_dialog(user, close)) } /> }
                    })
            }}
        </div>
    }
}

// The dialogs' code is fetched when one first opens (crate::deferred).
split_point!(
    add_user_dialog,
    fetch = fetch_add_user_dialog,
    fn add_user_dialog(close: Callback<()>) -> AnyView {
        view! { <AddUserDialog on_close=close /> }.into_any()
    }
);
split_point!(
    password_dialog,
    fetch = fetch_password_dialog,
    fn password_dialog(user: String, close: Callback<()>) -> AnyView {
        view! { <PasswordDialog user=user on_close=close /> }.into_any()
    }
);
