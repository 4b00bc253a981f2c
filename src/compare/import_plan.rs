//! What importing the other file over this one would change, as the plan's
//! lines; computed off the interaction path while the panel is open.

use crate::compare::LIMIT;
use crate::labels::plural;
use crate::state::{deferred, Compared, Document, HashJob, LARGE};
use leptos::prelude::*;
use proget_users_core::plan::{self, PlanOptions};

#[component]
pub fn ComparePlan() -> impl IntoView {
    let document = Document::get();
    let compared = Compared::get();
    let lines = deferred(
        HashJob::get(),
        (0, Vec::new()),
        move || {
            document.track_content();
            compared.track_other();
        },
        move || {
            document.is_large()
                || compared
                    .other_untracked()
                    .is_some_and(|o| o.users.len() >= LARGE)
        },
        move || {
            compared
                .other_untracked()
                .map_or((0, Vec::new()), |theirs| {
                    let lines = document
                        .read_untracked(|f| plan::plan(f, &theirs, PlanOptions::default()).lines());
                    (lines.len(), lines.into_iter().take(LIMIT).collect())
                })
        },
    );
    view! {
        <details class="compare-plan">
            <summary>
                {move || {
                    format!(
                        "Import plan: importing {} over this file would make {}",
                        compared.label(),
                        plural(lines.with(|l| l.0), "change", "changes"),
                    )
                }}
            </summary>
            <ul class="plan-lines">
                {move || {
                    lines
                        .with(|l| l.1.clone())
                        .into_iter()
                        .map(|l| view! { <li><code>{l}</code></li> })
                        .collect_view()
                }}
            </ul>
        </details>
    }
}
