//! The bar over the table that acts on the selected users: how many are
//! selected, put them in a group or take them out of one, remove them.

use crate::deferred::{fetched, split_point, Deferred};
use crate::dialog::Confirmations;
use crate::labels::{plural, selection_summary};
use crate::state::{Document, FileViews, HashJob, TableView};
use leptos::prelude::*;
use proget_users_core::edit;

#[component]
pub fn SelectionBar() -> impl IntoView {
    let table = TableView::get();
    let selected = move || table.selected_count();
    view! {
        <div class="selection-bar" class:active=move || { selected() > 0 }>
            <span class="selection-count">{move || selection_summary(selected())}</span>
            <Show when=move || { selected() > 0 }>
                <Deferred fetch=fetch_selection_tools show=|| async { fetched!(selection_tools()) } />
            </Show>
        </div>
    }
}

// What acts on a selection is fetched with the first one (crate::deferred).
split_point!(
    selection_tools,
    fetch = fetch_selection_tools,
    fn selection_tools() -> AnyView {
        view! { <SelectionTools /> }.into_any()
    }
);

/// Clearing the selection, changing its groups, removing its users.
#[component]
fn SelectionTools() -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let job = HashJob::get();
    let confirm = Confirmations::get();
    let selected = move || table.selected_count();

    let remove_selected = move |_| {
        let names = table.selected_names();
        if names.is_empty() {
            return;
        }
        let what = match names.as_slice() {
            [one] => format!("the user {one}"),
            many => plural(many.len(), "user", "users"),
        };
        let button = format!("Remove {}", plural(names.len(), "user", "users"));
        confirm.ask(
            format!("Remove {what}?"),
            "They leave this file. An import with “Delete missing users and groups” also deletes them from ProGet.",
            button,
            move || {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let _ = document.apply("Remove users", |f| edit::remove_users(f, &names));
            },
        );
    };

    view! {
        <button type="button" class="link" on:click=move |_| table.clear_selection()>
            "Clear"
        </button>
        <span class="grow"></span>
        <GroupChange />
        <button
            type="button"
            class="button danger-quiet"
            disabled=move || selected() == 0 || job.busy()
            on:click=remove_selected
        >
            {move || format!("Remove {}…", plural(selected(), "user", "users"))}
        </button>
    }
}

/// A group name (with the file's groups to choose from) and the buttons
/// that put the selected users in it or take them out.
#[component]
fn GroupChange() -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let views = FileViews::get();
    let job = HashJob::get();
    let group = RwSignal::new(String::new());
    let change = move |join: bool| {
        let name = group.get_untracked().trim().to_owned();
        let users = table.selected_names();
        let users: Vec<&str> = users.iter().map(String::as_str).collect();
        let result = if join {
            document.apply("Add to group", |f| edit::join_group(f, &users, &name))
        } else {
            document.apply("Remove from group", |f| edit::leave_group(f, &users, &name))
        };
        if result.is_ok() {
            group.set(String::new());
        }
    };
    let no_group =
        move || table.selected_count() == 0 || group.with(|g| g.trim().is_empty()) || job.busy();
    view! {
        <form
            class="group-change"
            on:submit=move |ev| {
                ev.prevent_default();
                change(true);
            }
        >
            <label for="group-name">"Group"</label>
            <input
                id="group-name"
                list="group-names"
                autocomplete="off"
                prop:value=move || group.get()
                on:input=move |ev| group.set(event_target_value(&ev))
            />
            <datalist id="group-names">
                {move || {
                    views
                        .groups()
                        .get()
                        .into_iter()
                        .map(|g| view! { <option value=g.name></option> })
                        .collect_view()
                }}
            </datalist>
            <button type="submit" class="button" disabled=no_group>
                "Add to group"
            </button>
            <button type="button" class="button" disabled=no_group on:click=move |_| change(false)>
                "Remove from group"
            </button>
        </form>
    }
}
