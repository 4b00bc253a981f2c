//! The users table: filter, sort, select, edit display names and emails in
//! place, and act on the selected users (groups, removal). It renders only
//! the rows in view (plus a margin), so ten thousand users scroll smoothly;
//! the filter and the selection work on the whole list.

use crate::dialog::Confirmations;
use crate::password_dialog::PasswordDialog;
use crate::state::{password_label, plural, Column, Editor, Sort};
use crate::user_form::AddUserDialog;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_core::model::PasswordState;
use proget_users_core::validate::is_plausible_email;
use std::collections::BTreeSet;

/// The height of a row in pixels (the CSS sets the same).
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered above and below the visible ones.
const MARGIN: usize = 8;

/// The rows to render for a scroll position: `(first, end)` positions in
/// the filtered list of `count` rows.
pub fn visible_range(count: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let first = ((scroll_top.max(0.0) / ROW_HEIGHT).floor() as usize)
        .saturating_sub(MARGIN)
        .min(count);
    let end = (((scroll_top.max(0.0) + viewport.max(0.0)) / ROW_HEIGHT).ceil() as usize + MARGIN)
        .min(count);
    (first, end.max(first))
}

#[component]
pub fn UsersTable() -> impl IntoView {
    let editor = Editor::get();
    let confirm = Confirmations::get();
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(640.0_f64);
    let adding = RwSignal::new(false);
    let password_for = RwSignal::new(None::<String>);
    let group = RwSignal::new(String::new());
    // The last row clicked, for shift-click ranges.
    let anchor = RwSignal::new(None::<usize>);

    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            let limit = window_height();
            scroll_top.set(el.scroll_top() as f64);
            viewport.set((el.client_height() as f64).min(limit).max(ROW_HEIGHT));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let slice = Memo::new(move |_| {
        let count = editor.rows.with(Vec::len);
        visible_range(count, scroll_top.get(), viewport.get())
    });
    let visible = move || {
        let (first, end) = slice.get();
        editor.rows.with(|rows| {
            rows[first..end]
                .iter()
                .enumerate()
                .map(|(k, &index)| (first + k, index))
                .collect::<Vec<_>>()
        })
    };
    let above = move || format!("{}px", slice.get().0 as f64 * ROW_HEIGHT);
    let below = move || {
        let count = editor.rows.with(Vec::len);
        format!("{}px", (count - slice.get().1) as f64 * ROW_HEIGHT)
    };

    // Scrolls to a user the problems list asked for.
    Effect::new(move |_| {
        let Some(index) = editor.reveal.get() else {
            return;
        };
        let Some(el) = scroller.get() else { return };
        if let Some(position) = editor
            .rows
            .with_untracked(|r| r.iter().position(|&i| i == index))
        {
            let top = position as f64 * ROW_HEIGHT - viewport.get_untracked() / 2.0 + ROW_HEIGHT;
            el.set_scroll_top(top.max(0.0) as i32);
            measure();
        }
        editor.reveal.set(None);
    });

    let total = move || editor.file.with(|f| f.users.len());
    let shown = move || editor.rows.with(Vec::len);
    let selected = move || editor.selection.with(BTreeSet::len);
    let all_shown_selected = move || {
        editor.rows.with(|rows| {
            !rows.is_empty()
                && editor
                    .selection
                    .with(|s| rows.iter().all(|i| s.contains(i)))
        })
    };
    let some_shown_selected = move || {
        editor.rows.with(|rows| {
            editor
                .selection
                .with(|s| rows.iter().any(|i| s.contains(i)))
        })
    };
    let toggle_all = move |_| {
        let select = !all_shown_selected();
        let rows = editor.rows.get_untracked();
        editor.selection.update(|s| {
            for i in rows {
                if select {
                    s.insert(i);
                } else {
                    s.remove(&i);
                }
            }
        });
    };

    let remove_selected = move |_| {
        let names = editor.selected_names();
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
                let _ = editor.apply("Remove users", |f| edit::remove_users(f, &names));
            },
        );
    };
    let change_group = move |join: bool| {
        let name = group.get_untracked().trim().to_owned();
        let users = editor.selected_names();
        let users: Vec<&str> = users.iter().map(String::as_str).collect();
        let result = if join {
            editor.apply("Add to group", |f| edit::join_group(f, &users, &name))
        } else {
            editor.apply("Remove from group", |f| edit::leave_group(f, &users, &name))
        };
        if result.is_ok() {
            group.set(String::new());
        }
    };
    let no_group = move || selected() == 0 || group.with(|g| g.trim().is_empty());

    let sort_header = move |column: Column, label: &'static str, class: &'static str| {
        let state = move || match editor.sort.get() {
            Some(s) if s.column == column && s.descending => "descending",
            Some(s) if s.column == column => "ascending",
            _ => "none",
        };
        let next = move |_| {
            editor.sort.update(|sort| {
                *sort = match *sort {
                    Some(s) if s.column == column && !s.descending => Some(Sort {
                        column,
                        descending: true,
                    }),
                    Some(s) if s.column == column => None,
                    _ => Some(Sort {
                        column,
                        descending: false,
                    }),
                }
            })
        };
        view! {
            <th scope="col" class=class aria-sort=state>
                <button type="button" class="sort" on:click=next>
                    {label}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match state() {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    view! {
        <div class="users">
            <div class="table-tools">
                <label class="filter">
                    <span class="visually-hidden">"Filter users"</span>
                    <input
                        type="search"
                        placeholder="Filter by name, email, group or password"
                        prop:value=move || editor.filter.get()
                        on:input=move |ev| {
                            editor.filter.set(event_target_value(&ev));
                            if let Some(el) = scroller.get_untracked() {
                                el.set_scroll_top(0);
                            }
                            measure();
                        }
                    />
                </label>
                <span class="muted count" aria-live="polite">
                    {move || {
                        if shown() == total() {
                            plural(total(), "user", "users")
                        } else {
                            format!("{} of {}", shown(), plural(total(), "user", "users"))
                        }
                    }}
                </span>
                <span class="grow"></span>
                <button type="button" class="button primary" on:click=move |_| adding.set(true)>
                    "Add user…"
                </button>
            </div>
            <div class="selection-bar" class:active=move || { selected() > 0 }>
                <span class="selection-count">
                    {move || match selected() {
                        0 => "Select users to change them together".to_owned(),
                        n => format!("{n} selected"),
                    }}
                </span>
                <Show when=move || { selected() > 0 }>
                    <button
                        type="button"
                        class="link"
                        on:click=move |_| editor.selection.set(BTreeSet::new())
                    >
                        "Clear"
                    </button>
                    <span class="grow"></span>
                    <form
                        class="group-change"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            change_group(true);
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
                                editor
                                    .groups
                                    .get()
                                    .into_iter()
                                    .map(|g| view! { <option value=g.name></option> })
                                    .collect_view()
                            }}
                        </datalist>
                        <button type="submit" class="button" disabled=no_group>
                            "Add to group"
                        </button>
                        <button
                            type="button"
                            class="button"
                            disabled=no_group
                            on:click=move |_| change_group(false)
                        >
                            "Remove from group"
                        </button>
                    </form>
                    <button
                        type="button"
                        class="button danger-quiet"
                        disabled=move || selected() == 0
                        on:click=remove_selected
                    >
                        {move || format!("Remove {}…", plural(selected(), "user", "users"))}
                    </button>
                </Show>
            </div>
            <div
                class="table-scroll"
                node_ref=scroller
                tabindex="-1"
                on:scroll=move |_| measure()
            >
                <table
                    class="users-table"
                    aria-label="Users"
                    aria-rowcount=move || (shown() + 1).to_string()
                    aria-multiselectable="true"
                >
                    <colgroup>
                        <col class="c-check" />
                        <col class="c-name" />
                        <col class="c-display" />
                        <col class="c-email" />
                        <col class="c-groups" />
                        <col class="c-password" />
                    </colgroup>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="check">
                                <input
                                    type="checkbox"
                                    aria-label="Select all shown users"
                                    prop:checked=all_shown_selected
                                    prop:indeterminate=move || {
                                        some_shown_selected() && !all_shown_selected()
                                    }
                                    disabled=move || shown() == 0
                                    on:change=toggle_all
                                />
                            </th>
                            {sort_header(Column::UserName, "User name", "name")}
                            {sort_header(Column::DisplayName, "Display name", "display")}
                            {sort_header(Column::Email, "Email", "email")}
                            {sort_header(Column::Groups, "Groups", "groups")}
                            {sort_header(Column::Password, "Password", "password")}
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true" style:height=above></tr>
                        <For
                            each=visible
                            key=|row| *row
                            children=move |(position, index)| {
                                view! {
                                    <UserRow
                                        position=position
                                        index=index
                                        anchor=anchor
                                        password_for=password_for
                                    />
                                }
                            }
                        />
                        <tr class="spacer" aria-hidden="true" style:height=below></tr>
                    </tbody>
                </table>
                <Show when=move || shown() == 0>
                    <p class="empty">
                        {move || {
                            if total() == 0 {
                                "No users yet. Add one to begin."
                            } else {
                                "No user matches the filter."
                            }
                        }}
                    </p>
                </Show>
            </div>
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

fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

/// One user's row. It reads the user reactively by index, so an edit shows
/// at once and an input keeps its focus while the row stays.
#[component]
fn UserRow(
    position: usize,
    index: usize,
    anchor: RwSignal<Option<usize>>,
    password_for: RwSignal<Option<String>>,
) -> impl IntoView {
    let editor = Editor::get();
    let field = move |get: fn(&proget_users_core::model::User) -> String| {
        move || {
            editor
                .file
                .with(|f| f.users.get(index).map(get).unwrap_or_default())
        }
    };
    let name = field(|u| u.user_name.clone());
    let display = field(|u| u.display_name.clone().unwrap_or_default());
    let email = field(|u| u.email_address.clone().unwrap_or_default());
    let state = move || {
        editor.file.with(|f| {
            f.users
                .get(index)
                .map_or(PasswordState::None, |u| u.password_state())
        })
    };
    let groups = move || {
        editor.file.with(|f| {
            f.users
                .get(index)
                .map(|u| u.groups.clone())
                .unwrap_or_default()
        })
    };
    let is_selected = move || editor.selection.with(|s| s.contains(&index));
    let email_ok = move || {
        let e = email();
        e.trim().is_empty() || is_plausible_email(e.trim())
    };

    let on_check = move |ev: ev::MouseEvent| {
        let select = !is_selected();
        let range = if ev.shift_key() {
            anchor.get_untracked()
        } else {
            None
        };
        match range {
            Some(from) => {
                let (a, b) = (from.min(position), from.max(position));
                let rows = editor.rows.get_untracked();
                let picked = rows.get(a..=b).unwrap_or_default().to_vec();
                editor.selection.update(|s| {
                    for i in picked {
                        if select {
                            s.insert(i);
                        } else {
                            s.remove(&i);
                        }
                    }
                });
            }
            None => editor.selection.update(|s| {
                if select {
                    s.insert(index);
                } else {
                    s.remove(&index);
                }
            }),
        }
        anchor.set(Some(position));
    };
    let set_display = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        let user = name();
        let value = value.trim();
        let value = (!value.is_empty()).then_some(value);
        let _ = editor.apply("Display name", |f| edit::set_display_name(f, &user, value));
    };
    let set_email = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        let user = name();
        let _ = editor.apply("Email", |f| edit::set_email(f, &user, Some(&value)));
    };
    let enter_commits = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            if let Some(input) = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            {
                let _ = input.blur();
            }
        }
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
                    on:click=on_check
                />
            </td>
            <td class="name">
                <span class="cell-text" title=name>
                    {name}
                </span>
            </td>
            <td class="display">
                <input
                    class="cell-input"
                    aria-label=move || format!("Display name of {}", name())
                    prop:value=display
                    on:change=set_display
                    on:keydown=enter_commits
                />
            </td>
            <td class="email">
                <input
                    class="cell-input"
                    class:invalid=move || !email_ok()
                    aria-invalid=move || (!email_ok()).to_string()
                    aria-label=move || format!("Email of {}", name())
                    inputmode="email"
                    prop:value=email
                    on:change=set_email
                    on:keydown=enter_commits
                />
            </td>
            <td class="groups">
                <span class="chips" title=move || groups().join(", ")>
                    {move || {
                        groups()
                            .into_iter()
                            .map(|g| view! { <span class="chip">{g}</span> })
                            .collect_view()
                    }}
                </span>
            </td>
            <td class="password">
                <span class=move || {
                    format!("badge password-{}", password_label(state()))
                }>{move || password_label(state())}</span>
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
