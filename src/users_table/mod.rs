//! The users table: filter, sort, select, edit display names and emails in
//! place, and act on the selected users (groups, removal). It renders only
//! the rows in view (plus a margin), so fifty thousand users scroll
//! smoothly; the filter and the selection work on the whole list.

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
                <AddUserDialog on_close=Callback::new(move |()| adding.set(false)) />
            </Show>
            {move || {
                password_for
                    .get()
                    .map(|user| {
                        view! {
                            <PasswordDialog
                                user=user
                                on_close=Callback::new(move |()| password_for.set(None))
                            />
                        }
                    })
            }}
        </div>
    }
}
