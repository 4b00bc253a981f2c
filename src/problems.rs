//! The problems list: the core's findings, live, errors first. Findings
//! with the same message are listed once with the users they concern, so
//! ten thousand users without a password make one line, not ten thousand.
//! A finding about users selects them and scrolls to the first; one about a
//! group opens the groups.

use crate::state::{plural, Editor, Tab};
use leptos::prelude::*;
use proget_users_core::model::UsersFile;
use proget_users_core::path::{JsonPath, Segment};
use proget_users_core::validate::{Finding, Severity};
use std::collections::{BTreeSet, HashMap};

/// How many lines the list shows; the rest are counted.
const LIMIT: usize = 200;

/// Findings with one message, in the order the first of them came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemLine {
    pub severity: Severity,
    pub message: String,
    /// The users the findings are about, in file order.
    pub users: Vec<usize>,
    /// The first finding's place, for findings not about a user.
    pub path: JsonPath,
    pub count: usize,
}

impl ProblemLine {
    /// Whether the finding is about an entry of the root `groups`.
    pub fn is_about_a_group(&self) -> bool {
        matches!(self.path.0.as_slice(), [Segment::Key(k), _, ..] if k == "groups")
    }

    /// Where the problem is, as the list says it.
    pub fn place(&self, file: &UsersFile) -> String {
        let name = |i: &usize| {
            file.users
                .get(*i)
                .map(|u| u.user_name.as_str())
                .filter(|n| !n.is_empty())
                .map_or_else(|| format!("users[{i}]"), str::to_owned)
        };
        match self.users.as_slice() {
            [] => self.path.to_string(),
            [one] => format!("user {}", name(one)),
            many => {
                let first: Vec<String> = many.iter().take(3).map(name).collect();
                let more = if many.len() > 3 { ", …" } else { "" };
                format!(
                    "{}: {}{more}",
                    plural(many.len(), "user", "users"),
                    first.join(", ")
                )
            }
        }
    }
}

/// The findings as the list shows them: one line per message.
pub fn problem_lines(findings: &[Finding]) -> Vec<ProblemLine> {
    let mut lines: Vec<ProblemLine> = Vec::new();
    let mut at: HashMap<(Severity, String), usize> = HashMap::new();
    for finding in findings {
        let message = finding.problem.to_string();
        let key = (finding.severity(), message.clone());
        let i = *at.entry(key).or_insert_with(|| {
            lines.push(ProblemLine {
                severity: finding.severity(),
                message,
                users: Vec::new(),
                path: finding.path.clone(),
                count: 0,
            });
            lines.len() - 1
        });
        let line = &mut lines[i];
        line.count += 1;
        if let Some(user) = finding.path.user_index() {
            if line.users.last() != Some(&user) {
                line.users.push(user);
            }
        }
    }
    lines
}

#[component]
pub fn Problems() -> impl IntoView {
    let editor = Editor::get();
    let lines = Memo::new(move |_| editor.findings.with(|f| problem_lines(f)));
    let counts = move || {
        editor.findings.with(|f| {
            let errors = f.iter().filter(|f| f.severity() == Severity::Error).count();
            (errors, f.len() - errors)
        })
    };
    let summary = move || match counts() {
        (0, 0) => "none".to_owned(),
        (e, 0) => plural(e, "error", "errors"),
        (0, w) => plural(w, "warning", "warnings"),
        (e, w) => format!(
            "{}, {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    };
    let items = move || {
        lines.with(|lines| {
            editor.file.with(|file| {
                lines
                    .iter()
                    .take(LIMIT)
                    .map(|line| {
                        let severity = line.severity;
                        let users = line.users.clone();
                        let group = line.is_about_a_group();
                        let place = line.place(file);
                        let go = move |_| match users.first() {
                            Some(&first) => {
                                editor.reveal_user(first, true);
                                editor
                                    .selection
                                    .set(users.iter().copied().collect::<BTreeSet<_>>());
                            }
                            None if group => editor.tab.set(Tab::Groups),
                            None => {}
                        };
                        let class = match severity {
                            Severity::Error => "severity error",
                            Severity::Warning => "severity warning",
                        };
                        let clickable = !line.users.is_empty() || group;
                        let body = view! {
                            <span class=class>{severity.to_string()}</span>
                            <span class="problem-text">{line.message.clone()}</span>
                            <span class="problem-place">{place}</span>
                        };
                        if clickable {
                            view! {
                                <li>
                                    <button type="button" class="problem" on:click=go>
                                        {body}
                                    </button>
                                </li>
                            }
                            .into_any()
                        } else {
                            view! {
                                <li>
                                    <div class="problem">{body}</div>
                                </li>
                            }
                            .into_any()
                        }
                    })
                    .collect_view()
            })
        })
    };
    let more = move || lines.with(|l| l.len().saturating_sub(LIMIT));
    view! {
        <section class="problems" aria-labelledby="problems-title">
            <h2 id="problems-title">"Problems " <span class="muted">{summary}</span></h2>
            <Show
                when=move || editor.findings.with(|f| !f.is_empty())
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
