//! The groups: each with its member count; add one, rename one (every
//! member follows), remove one (after saying how many users lose it), and
//! declare in one click the groups users name but the file does not.

use crate::dialog::Confirmations;
use crate::group_rows::GroupRow;
use crate::labels::plural;
use crate::state::{Document, FileViews};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit;

#[component]
pub fn GroupsPanel() -> impl IntoView {
    let views = FileViews::get();
    let editing = RwSignal::new(None::<String>);
    view! {
        <div class="groups-panel">
            <GroupTools />
            <div class="table-scroll">
                <table class="groups-table" aria-label="Groups">
                    <thead>
                        <tr>
                            <th scope="col">"Group"</th>
                            <th scope="col" class="num">"Members"</th>
                            <th scope="col" class="actions">
                                <span class="visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || views.groups().get()
                            key=|row| row.clone()
                            children=move |row: GroupRow| view! { <GroupLine row=row editing=editing /> }
                        />
                    </tbody>
                </table>
                <Show when=move || views.groups().with(Vec::is_empty)>
                    <p class="empty">"No groups yet."</p>
                </Show>
            </div>
        </div>
    }
}

/// Over the table: a new group's name, and the button that declares the
/// groups users name but the file does not.
#[component]
fn GroupTools() -> impl IntoView {
    let document = Document::get();
    let views = FileViews::get();
    let new_name = RwSignal::new(String::new());
    let missing = move || {
        views
            .groups()
            .with(|g| g.iter().filter(|g| !g.declared).count())
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_owned();
        if document
            .apply("Add group", |f| edit::add_group(f, &name))
            .is_ok()
        {
            new_name.set(String::new());
        }
    };
    let add_missing = move |_| {
        let _ = document.apply("Add missing groups", |f| {
            Ok::<_, edit::EditError>(edit::add_missing_groups(f))
        });
    };
    view! {
        <div class="table-tools">
            <form class="inline-form" on:submit=add>
                <label for="new-group">"New group"</label>
                <input
                    id="new-group"
                    autocomplete="off"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
                <button type="submit" class="button" disabled=move || new_name.with(|n| n.trim().is_empty())>
                    "Add group"
                </button>
            </form>
            <span class="grow"></span>
            <Show when=move || { missing() > 0 }>
                <button type="button" class="button primary" on:click=add_missing>
                    {move || format!("Add {}", plural(missing(), "missing group", "missing groups"))}
                </button>
            </Show>
        </div>
    }
}

/// One group's row: its name and members, or the form that renames it.
#[component]
fn GroupLine(row: GroupRow, editing: RwSignal<Option<String>>) -> impl IntoView {
    let document = Document::get();
    let confirm = Confirmations::get();
    let GroupRow {
        name,
        members,
        declared,
    } = row;
    let is_editing = {
        let name = name.clone();
        move || editing.with(|e| e.as_deref() == Some(name.as_str()))
    };
    let remove = {
        let name = name.clone();
        move |_| {
            let group = name.clone();
            let message = match members {
                0 => "No user is in it.".to_owned(),
                n => format!("{} lose it.", plural(n, "user", "users")),
            };
            confirm.ask(
                format!("Remove the group {name}?"),
                message,
                "Remove group",
                move || {
                    let _ = document.apply("Remove group", |f| edit::remove_group(f, &group));
                },
            );
        }
    };
    let start = {
        let name = name.clone();
        move |_| editing.set(Some(name.clone()))
    };
    let label_rename = format!("Rename {name}");
    let label_remove = format!("Remove {name}");
    let shown_name = name.clone();
    view! {
        <tr class="group">
            <Show
                when=is_editing
                fallback=move || {
                    view! {
                        <td class="group-name">
                            {shown_name.clone()}
                            {(!declared)
                                .then(|| {
                                    view! {
                                        <span class="badge warn" title="Users name it, but the file's groups do not list it">
                                            "not declared"
                                        </span>
                                    }
                                })}
                        </td>
                        <td class="num">{members}</td>
                        <td class="actions">
                            <button type="button" class="link" aria-label=label_rename.clone() on:click=start.clone()>
                                "Rename"
                            </button>
                            <button type="button" class="link danger-text" aria-label=label_remove.clone() on:click=remove.clone()>
                                "Remove"
                            </button>
                        </td>
                    }
                }
            >
                <td colspan="3">
                    <RenameGroup name=name.clone() members=members editing=editing />
                </td>
            </Show>
        </tr>
    }
}

/// The form that renames a group; Escape or Cancel leaves it.
#[component]
fn RenameGroup(name: String, members: usize, editing: RwSignal<Option<String>>) -> impl IntoView {
    let document = Document::get();
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    let rename = {
        let name = name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(el) = input.get_untracked() else {
                return;
            };
            let to = el.value().trim().to_owned();
            if to == name
                || document
                    .apply("Rename group", |f| edit::rename_group(f, &name, &to))
                    .is_ok()
            {
                editing.set(None);
            }
        }
    };
    view! {
        <form
            class="inline-form"
            on:submit=rename
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    editing.set(None);
                }
            }
        >
            <input node_ref=input aria-label=format!("New name for {name}") value=name.clone() autocomplete="off" />
            <button type="submit" class="button primary">
                "Rename"
            </button>
            <button type="button" class="button" on:click=move |_| editing.set(None)>
                "Cancel"
            </button>
            <span class="muted">{format!("{} will follow", plural(members, "member", "members"))}</span>
        </form>
    }
}
