//! The problems list: the file's findings, errors first, one line per
//! message ([`problem_lines`](crate::problem_lines)). A line about users
//! selects them and scrolls to the first; one about a group opens the
//! groups. It follows the file off the interaction path: after an edit,
//! the list updates once the browser is free.

use crate::labels::problems_summary;
use crate::problem_lines::ProblemLine;
use crate::state::{Editor, FileViews, Tab};
use leptos::prelude::*;
use proget_users_core::validate::Severity;

/// How many lines the list shows; the rest are counted.
const LIMIT: usize = 200;

#[component]
pub fn Problems() -> impl IntoView {
    let checks = FileViews::get().checks();
    let summary = move || checks.with(|c| problems_summary(c.errors, c.warnings));
    let more = move || checks.with(|c| c.lines.len().saturating_sub(LIMIT));
    let items = move || {
        checks.with(|c| {
            c.lines
                .iter()
                .take(LIMIT)
                .cloned()
                .map(|line| view! { <Problem line=line /> })
                .collect_view()
        })
    };
    view! {
        <section class="problems" aria-labelledby="problems-title">
            <h2 id="problems-title">"Problems " <span class="muted">{summary}</span></h2>
            <Show
                when=move || checks.with(|c| !c.lines.is_empty())
                fallback=|| view! { <p class="all-good">"No problems found."</p> }
            >
                <ul class="problem-list">{items}</ul>
                <Show when=move || { more() > 0 }>
                    <p class="muted">{move || format!("and {} more", more())}</p>
                </Show>
            </Show>
        </section>
    }
}

/// One line of the list; a button when it leads somewhere.
#[component]
fn Problem(line: ProblemLine) -> impl IntoView {
    let editor = Editor::get();
    let class = match line.severity {
        Severity::Error => "severity error",
        Severity::Warning => "severity warning",
    };
    let body = view! {
        <span class=class>{line.severity.to_string()}</span>
        <span class="problem-text">{line.message}</span>
        <span class="problem-place">{line.place}</span>
    };
    let users = line.users;
    let group = line.about_a_group;
    if users.is_empty() && !group {
        return view! {
            <li>
                <div class="problem">{body}</div>
            </li>
        }
        .into_any();
    }
    let go = move |_| match users.first() {
        Some(&first) => {
            editor.reveal_user(first, true);
            editor.table.select_only(users.iter().copied());
        }
        None => editor.navigation.open_tab(Tab::Groups),
    };
    view! {
        <li>
            <button type="button" class="problem" on:click=go>
                {body}
            </button>
        </li>
    }
    .into_any()
}
