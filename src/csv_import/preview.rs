//! What a CSV import would do, before it is applied: counts, the
//! passwords to hash, the bad rows with their lines (and the choice to
//! skip them), and the users to add and update.

use crate::changes::{NameList, UpdateList};
use crate::csv_import::Loaded;
use crate::forms::CountCard;
use crate::labels::plural;
use leptos::prelude::*;
use proget_users_core::csv::CsvPreview;

#[component]
pub fn ImportPreview(
    preview: Memo<Option<CsvPreview>>,
    loaded: RwSignal<Option<Loaded>>,
    skip: RwSignal<bool>,
) -> impl IntoView {
    let count = move |f: fn(&CsvPreview) -> usize| {
        Signal::derive(move || preview.with(|p| p.as_ref().map_or(0, f)))
    };
    let passwords = move || {
        loaded.with(|l| {
            l.as_ref().map_or(0, |l| {
                l.csv.rows.iter().filter(|r| r.password.is_some()).count()
            })
        })
    };
    let bad = count(|p| p.bad_rows.len());
    let list = move |f: fn(&CsvPreview) -> Vec<String>| {
        preview.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <section class="csv-preview" aria-label="Preview">
            <dl class="count-cards">
                <CountCard label="Added" count=count(|p| p.changes.users_added.len()) class="added" />
                <CountCard label="Updated" count=count(|p| p.changes.users_updated.len()) class="updated" />
                <CountCard label="Unchanged" count=count(|p| p.unchanged.len()) />
                <CountCard label="New groups" count=count(|p| p.changes.groups_added.len()) />
                <CountCard label="Bad rows" count=bad class="bad" />
            </dl>
            <Show when=move || { passwords() > 0 }>
                <p class="hint">
                    {move || format!(
                        "{} will be hashed on import; the plaintext is not kept.",
                        plural(passwords(), "password", "passwords"),
                    )}
                </p>
            </Show>
            <Show when=move || { bad.get() > 0 }>
                <BadRowList preview=preview skip=skip />
            </Show>
            <div class="csv-changes">
                <Show when=move || { !list(|p| p.changes.users_added.clone()).is_empty() }>
                    <div class="change-group added">
                        <h3>"Users to add"</h3>
                        <ul class="change-list">
                            {move || view! { <NameList kind="add" names=list(|p| p.changes.users_added.clone()) /> }}
                        </ul>
                    </div>
                </Show>
                <Show when=move || preview.with(|p| p.as_ref().is_some_and(|p| !p.changes.users_updated.is_empty()))>
                    <div class="change-group updated">
                        <h3>"Users to update"</h3>
                        <ul class="change-list">
                            {move || {
                                let updates = preview.with(|p| p.as_ref().map(|p| p.changes.users_updated.clone()).unwrap_or_default());
                                view! { <UpdateList kind="update" updates=updates /> }
                            }}
                        </ul>
                    </div>
                </Show>
                <Show when=move || { !list(|p| p.changes.groups_added.clone()).is_empty() }>
                    <p class="muted">{move || format!("New groups: {}", list(|p| p.changes.groups_added.clone()).join(", "))}</p>
                </Show>
            </div>
        </section>
    }
}

/// The rows that cannot be imported, by line, and the box to skip them.
#[component]
fn BadRowList(preview: Memo<Option<CsvPreview>>, skip: RwSignal<bool>) -> impl IntoView {
    /// How many bad rows the list shows.
    const LIMIT: usize = 200;
    let bad = move || preview.with(|p| p.as_ref().map_or(0, |p| p.bad_rows.len()));
    let rows = move || {
        preview.with(|p| {
            p.iter()
                .flat_map(|p| p.bad_rows.iter().take(LIMIT))
                .map(|e| {
                    view! {
                        <li class="bad-row">
                            <span class="problem-place">{format!("Line {}", e.line)}</span>
                            <span>{e.problem.to_string()}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="bad-rows" role="group" aria-label="Bad rows">
            <h3>{move || format!("{} cannot be imported", plural(bad(), "row", "rows"))}</h3>
            <ul class="bad-row-list">{rows}</ul>
            <label class="check-label">
                <input
                    type="checkbox"
                    prop:checked=move || skip.get()
                    on:change=move |ev| skip.set(event_target_checked(&ev))
                />
                {move || format!("Skip {}", plural(bad(), "bad row", "bad rows"))}
            </label>
        </div>
    }
}
