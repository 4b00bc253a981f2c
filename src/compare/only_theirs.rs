//! What only one file has: the other file's users and groups, each with a
//! button to take it, and the names only this file has.

use crate::compare::{take_group, take_user, LIMIT};
use crate::state::{Compared, Document};
use foldhash::HashSet;
use leptos::prelude::*;
use proget_users_core::merge::{Comparison, Resolution};
use proget_users_core::model::User;
use std::sync::Arc;

/// The users only the other file has (the first [`LIMIT`]), in a table.
#[component]
pub fn OnlyTheirs(comparison: Arc<Comparison>) -> impl IntoView {
    let document = Document::get();
    let compared = Compared::get();
    let names: HashSet<&str> = comparison
        .only_theirs
        .iter()
        .take(LIMIT)
        .map(String::as_str)
        .collect();
    // One pass over their users, not a search per name.
    let users: Vec<User> = compared
        .other_untracked()
        .map(|o| {
            o.users
                .iter()
                .filter(|u| names.contains(u.user_name.as_str()))
                .take(LIMIT)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let more = comparison.only_theirs.len().saturating_sub(LIMIT);
    let rows = users
        .into_iter()
        .map(|u| {
            let name = u.user_name.clone();
            view! {
                <tr class="only-theirs">
                    <td class="name">{u.user_name.clone()}</td>
                    <td>{u.display_name.clone().unwrap_or_default()}</td>
                    <td>{u.email_address.clone().unwrap_or_default()}</td>
                    <td>{u.groups.join(", ")}</td>
                    <td class="actions">
                        <button
                            type="button"
                            class="button small"
                            aria-label=format!("Take user {name}")
                            on:click=move |_| take_user(document, compared, &name, Resolution::Theirs)
                        >
                            "Take"
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    (!comparison.only_theirs.is_empty()).then(move || {
        view! {
            <section class="compare-section" aria-labelledby="only-theirs-title">
                <h3 id="only-theirs-title">{move || format!("Only in {}", compared.label())}</h3>
                <table class="compare-table">
                    <thead>
                        <tr>
                            <th scope="col">"User name"</th>
                            <th scope="col">"Display name"</th>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Groups"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
            </section>
        }
    })
}

/// The groups only the other file knows, each with a button to take it.
#[component]
pub fn TheirGroups(comparison: Arc<Comparison>) -> impl IntoView {
    let document = Document::get();
    let compared = Compared::get();
    let groups = comparison.groups_only_theirs.clone();
    (!groups.is_empty()).then(move || {
        view! {
            <section class="compare-section" aria-labelledby="groups-theirs-title">
                <h3 id="groups-theirs-title">{move || format!("Groups only in {}", compared.label())}</h3>
                <ul class="compare-groups">
                    {groups
                        .into_iter()
                        .map(|g| {
                            view! {
                                <li class="chip-row">
                                    <span class="chip">{g.clone()}</span>
                                    <button
                                        type="button"
                                        class="button small"
                                        aria-label=format!("Take group {g}")
                                        on:click=move |_| take_group(document, compared, &g)
                                    >
                                        "Take"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The names of the users only this file has.
#[component]
pub fn OnlyOurs(comparison: Arc<Comparison>) -> impl IntoView {
    let ours = &comparison.only_ours;
    let more = ours.len().saturating_sub(LIMIT);
    let names = ours
        .iter()
        .take(LIMIT)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    (!ours.is_empty()).then(move || {
        view! {
            <section class="compare-section" aria-labelledby="only-ours-title">
                <h3 id="only-ours-title">"Only in this file"</h3>
                <p class="name-list">
                    {names}
                    {(more > 0).then(|| format!(" and {more} more"))}
                </p>
            </section>
        }
    })
}
