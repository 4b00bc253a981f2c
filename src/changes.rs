//! What importing this file would change: ProGet's dry run, computed from
//! the file as it was opened (the server's state when it was exported) and
//! the file now. Counts on top, then what is added, updated (field by
//! field) and removed.

use crate::forms::CountCard;
use crate::labels::{plural, update_lines};
use crate::state::{Document, FileViews};
use leptos::prelude::*;
use proget_users_core::plan::{ImportPlan, UserUpdate};

/// How many entries a section lists; the rest are counted.
const LIMIT: usize = 500;

#[component]
pub fn Changes() -> impl IntoView {
    let document = Document::get();
    let views = FileViews::get();
    let plan = views.plan();
    let count =
        move |f: fn(&ImportPlan) -> usize| Signal::derive(move || plan.with(|p| f(&p.plan)));
    let has = move |f: fn(&ImportPlan) -> bool| move || plan.with(|p| f(&p.plan));
    let names = move |kind: &'static str, f: fn(&ImportPlan) -> &Vec<String>| move || view! { <NameList kind=kind names=plan.with(|p| f(&p.plan).clone()) /> };
    view! {
        <div class="changes">
            <div class="changes-head">
                <p class="hint">
                    "What importing this file into the ProGet it came from would change — its dry run. "
                    {move || plural(plan.with(|p| p.changes), "change", "changes")}
                    " in all."
                </p>
                <label class="check-label">
                    <input
                        type="checkbox"
                        prop:checked=move || views.delete_missing()
                        on:change=move |ev| views.set_delete_missing(event_target_checked(&ev))
                    />
                    "Delete missing users and groups"
                </label>
            </div>
            <dl class="count-cards" aria-label="Counts">
                <CountCard label="Users added" count=count(|p| p.users_added.len()) />
                <CountCard label="Users updated" count=count(|p| p.users_updated.len()) />
                <CountCard label="Users removed" count=count(|p| p.users_removed.len()) />
                <CountCard label="Groups added" count=count(|p| p.groups_added.len()) />
                <CountCard label="Groups removed" count=count(|p| p.groups_removed.len()) />
            </dl>
            <Show when=has(ImportPlan::is_empty)>
                <p class="empty">"Importing this file would change nothing."</p>
            </Show>
            <Show when=has(|p| !p.users_added.is_empty() || !p.groups_added.is_empty())>
                <section class="change-group added" aria-labelledby="changes-added">
                    <h3 id="changes-added">"Added"</h3>
                    <ul class="change-list">
                        {names("group", |p| &p.groups_added)}
                        {names("user", |p| &p.users_added)}
                    </ul>
                </section>
            </Show>
            <Show when=has(|p| !p.users_updated.is_empty())>
                <section class="change-group updated" aria-labelledby="changes-updated">
                    <h3 id="changes-updated">"Updated"</h3>
                    <ul class="change-list">
                        {move || view! { <UpdateList kind="user" updates=plan.with(|p| p.plan.users_updated.clone()) /> }}
                    </ul>
                </section>
            </Show>
            <Show when=has(|p| !p.users_removed.is_empty() || !p.groups_removed.is_empty())>
                <section class="change-group removed" aria-labelledby="changes-removed">
                    <h3 id="changes-removed">"Removed"</h3>
                    <ul class="change-list">
                        {names("user", |p| &p.users_removed)}
                        {names("group", |p| &p.groups_removed)}
                    </ul>
                </section>
            </Show>
            <Show when=move || {
                !views.delete_missing()
                    && {
                        document.track_content();
                        document.read_opened(|o| !o.users.is_empty() || !o.groups.is_empty())
                    }
            }>
                <p class="hint">
                    "Users and groups left out of the file stay in ProGet unless “Delete missing users and groups” is checked."
                </p>
            </Show>
        </div>
    }
}

/// Names of one kind, as list items, the first [`LIMIT`] of them.
#[component]
pub fn NameList(kind: &'static str, names: Vec<String>) -> impl IntoView {
    let more = names.len().saturating_sub(LIMIT);
    view! {
        {names
            .into_iter()
            .take(LIMIT)
            .map(|n| {
                view! {
                    <li>
                        <span class="kind">{kind}</span>
                        <span class="what">{n}</span>
                    </li>
                }
            })
            .collect_view()}
        {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
    }
}

/// Users to update, each with its field changes, the first [`LIMIT`].
#[component]
pub fn UpdateList(kind: &'static str, updates: Vec<UserUpdate>) -> impl IntoView {
    let more = updates.len().saturating_sub(LIMIT);
    view! {
        {updates
            .iter()
            .take(LIMIT)
            .map(|u| {
                view! {
                    <li>
                        <span class="kind">{kind}</span>
                        <span class="what">{u.user_name.clone()}</span>
                        <ul class="field-changes">
                            {update_lines(u).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                        </ul>
                    </li>
                }
            })
            .collect_view()}
        {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
    }
}
