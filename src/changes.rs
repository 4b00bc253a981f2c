//! What importing this file would change: ProGet's dry run, computed from
//! the file as it was opened (the server's state when it was exported) and
//! the file now. Counts on top, then what is added, updated (field by
//! field) and removed.

use crate::state::{plural, Editor};
use leptos::prelude::*;
use proget_users_core::plan::UserUpdate;

/// How many entries a section lists; the rest are counted.
const LIMIT: usize = 500;

fn quoted(value: &Option<String>) -> String {
    match value {
        Some(v) if !v.is_empty() => format!("“{v}”"),
        _ => "(none)".to_owned(),
    }
}

/// The changes to one user, one line each.
pub fn update_lines(update: &UserUpdate) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(to) = &update.renamed_to {
        lines.push(format!("User name: “{}” → “{to}”", update.user_name));
    }
    if let Some((from, to)) = &update.display_name {
        lines.push(format!("Display name: {} → {}", quoted(from), quoted(to)));
    }
    if let Some((from, to)) = &update.email {
        lines.push(format!("Email: {} → {}", quoted(from), quoted(to)));
    }
    lines.extend(update.groups_joined.iter().map(|g| format!("Joins {g}")));
    lines.extend(update.groups_left.iter().map(|g| format!("Leaves {g}")));
    if update.password_changed {
        lines.push("Password changes".to_owned());
    }
    lines
}

fn names(kind: &'static str, names: Vec<String>) -> impl IntoView {
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

#[component]
pub fn Changes() -> impl IntoView {
    let editor = Editor::get();
    let plan = editor.plan;
    let count = move |f: fn(&proget_users_core::plan::ImportPlan) -> usize| move || plan.with(f);
    let card = move |label: &'static str, n: Box<dyn Fn() -> usize + Send + Sync>| {
        view! {
            <div class="count-card">
                <dt>{label}</dt>
                <dd>{n}</dd>
            </div>
        }
    };
    let added = move || plan.with(|p| !p.users_added.is_empty() || !p.groups_added.is_empty());
    let removed =
        move || plan.with(|p| !p.users_removed.is_empty() || !p.groups_removed.is_empty());
    view! {
        <div class="changes">
            <div class="changes-head">
                <p class="hint">
                    "What importing this file into the ProGet it came from would change — its dry run. "
                    {move || plural(plan.with(|p| p.len()), "change", "changes")}
                    " in all."
                </p>
                <label class="check-label">
                    <input
                        type="checkbox"
                        prop:checked=move || editor.delete_missing.get()
                        on:change=move |ev| editor.delete_missing.set(event_target_checked(&ev))
                    />
                    "Delete missing users and groups"
                </label>
            </div>
            <dl class="count-cards" aria-label="Counts">
                {card("Users added", Box::new(count(|p| p.users_added.len())))}
                {card("Users updated", Box::new(count(|p| p.users_updated.len())))}
                {card("Users removed", Box::new(count(|p| p.users_removed.len())))}
                {card("Groups added", Box::new(count(|p| p.groups_added.len())))}
                {card("Groups removed", Box::new(count(|p| p.groups_removed.len())))}
            </dl>
            <Show when=move || plan.with(|p| p.is_empty())>
                <p class="empty">"Importing this file would change nothing."</p>
            </Show>
            <Show when=added>
                <section class="change-group added" aria-labelledby="changes-added">
                    <h3 id="changes-added">"Added"</h3>
                    <ul class="change-list">
                        {move || names("group", plan.with(|p| p.groups_added.clone()))}
                        {move || names("user", plan.with(|p| p.users_added.clone()))}
                    </ul>
                </section>
            </Show>
            <Show when=move || plan.with(|p| !p.users_updated.is_empty())>
                <section class="change-group updated" aria-labelledby="changes-updated">
                    <h3 id="changes-updated">"Updated"</h3>
                    <ul class="change-list">
                        {move || {
                            plan.with(|p| {
                                let more = p.users_updated.len().saturating_sub(LIMIT);
                                let items = p
                                    .users_updated
                                    .iter()
                                    .take(LIMIT)
                                    .map(|u| {
                                        let lines = update_lines(u);
                                        view! {
                                            <li>
                                                <span class="kind">"user"</span>
                                                <span class="what">{u.user_name.clone()}</span>
                                                <ul class="field-changes">
                                                    {lines
                                                        .into_iter()
                                                        .map(|l| view! { <li>{l}</li> })
                                                        .collect_view()}
                                                </ul>
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    {items}
                                    {(more > 0)
                                        .then(|| {
                                            view! { <li class="muted">{format!("and {more} more")}</li> }
                                        })}
                                }
                            })
                        }}
                    </ul>
                </section>
            </Show>
            <Show when=removed>
                <section class="change-group removed" aria-labelledby="changes-removed">
                    <h3 id="changes-removed">"Removed"</h3>
                    <ul class="change-list">
                        {move || names("user", plan.with(|p| p.users_removed.clone()))}
                        {move || names("group", plan.with(|p| p.groups_removed.clone()))}
                    </ul>
                </section>
            </Show>
            <Show when=move || {
                !editor.delete_missing.get()
                    && editor.opened.with(|o| !o.users.is_empty() || !o.groups.is_empty())
            }>
                <p class="hint">
                    "Users and groups left out of the file stay in ProGet unless “Delete missing users and groups” is checked."
                </p>
            </Show>
        </div>
    }
}
