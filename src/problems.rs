//! The problems list: the file's findings, errors first, one line per
//! message ([`problem_lines`](crate::problem_lines)), then a warning for
//! each weak plaintext password ([`crate::strength`]). A line about users
//! selects them and scrolls to the first; one about a group opens the
//! groups. It follows the file off the interaction path: after an edit,
//! the list updates once the browser is free, and the passwords are scored
//! in the strength worker.

use crate::deferred::{act, split_point};
use crate::labels::{plural, problems_summary};
use crate::problem_lines::ProblemLine;
use crate::state::{Document, Editor, FileViews, HashJob, Tab};
use crate::strength::{score_in_chunks, Candidate, OwnerDetails};
use leptos::prelude::*;
use proget_users_core::model::UsersFile;
use proget_users_core::path::JsonPath;
use proget_users_core::validate::Severity;

/// How many lines the list shows; the rest are counted.
const LIMIT: usize = 200;

/// Every plaintext password of the file to score, with its owner, and
/// the users they belong to (file indices, in file order).
pub fn plaintext_candidates(file: &UsersFile) -> (Vec<usize>, Vec<Candidate>) {
    file.users
        .iter()
        .enumerate()
        .filter_map(|(i, user)| {
            let password = user.password.clone()?;
            Some((i, Candidate::new(password, OwnerDetails::from(user))))
        })
        .unzip()
}

/// The warning line of a weak plaintext password: the reason and where
/// the password is (its JSON path: the line never names the password, nor
/// the user, whose name may be the password).
pub fn weak_line(user: usize, summary: &str) -> ProblemLine {
    ProblemLine {
        severity: Severity::Warning,
        message: format!("weak password: {summary}"),
        users: vec![user],
        place: JsonPath::user_field(user, "password").to_string(),
        about_a_group: false,
        count: 1,
    }
}

/// The weak plaintext passwords of the file as warning lines, scored in
/// the strength worker after each change (once no hashing run holds the
/// file), how far scoring is, and whether it is off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct WeakLines {
    lines: Vec<ProblemLine>,
    /// Passwords scored and to score, while scoring runs.
    scoring: Option<(usize, usize)>,
    unavailable: bool,
}

fn weak_lines() -> RwSignal<WeakLines> {
    let document = Document::get();
    let job = HashJob::get();
    let weak = RwSignal::new(WeakLines::default());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        document.track_content();
        if job.busy() {
            return;
        }
        let current = generation.get_value() + 1;
        generation.set_value(current);
        // After the paint that shows the change, in a task of its own.
        request_animation_frame(move || {
            gloo_timers::callback::Timeout::new(0, move || {
                let is_current =
                    move || generation.try_get_value() == Some(current) && !weak.is_disposed();
                if !is_current() {
                    return;
                }
                let (users, candidates) = document.read_untracked(plaintext_candidates);
                let total = users.len();
                if total == 0 {
                    return weak.set(WeakLines::default());
                }
                weak.update(|w| w.scoring = Some((0, total)));
                act!(
                    score_weak(users, candidates, weak, generation, current),
                    |_| {
                        // As when the strength worker cannot start: the list says
                        // that weak passwords are not flagged.
                        weak.try_set(WeakLines {
                            unavailable: true,
                            ..WeakLines::default()
                        });
                    }
                );
            })
            .forget();
        });
    });
    weak
}

// The strength worker's client is fetched with the first plaintext password
// to score (crate::deferred).
split_point!(
    scoring,
    fn score_weak(
        users: Vec<usize>,
        candidates: Vec<Candidate>,
        weak: RwSignal<WeakLines>,
        generation: StoredValue<u64>,
        current: u64,
    ) {
        let is_current = move || generation.try_get_value() == Some(current) && !weak.is_disposed();
        let total = users.len();
        score_in_chunks(
            candidates,
            is_current,
            move |at, verdicts| {
                let done = at + verdicts.len();
                weak.update(|w| {
                    // The first answer replaces the last change's lines.
                    if at == 0 {
                        w.lines.clear();
                    }
                    w.lines
                        .extend(verdicts.into_iter().enumerate().filter_map(|(i, verdict)| {
                            Some(weak_line(users[at + i], &verdict?.summary))
                        }));
                    w.scoring = (done < total).then_some((done, total));
                    w.unavailable = false;
                });
            },
            move |ended| {
                if ended.is_err() {
                    weak.set(WeakLines {
                        unavailable: true,
                        ..WeakLines::default()
                    });
                }
            },
        );
    }
);

#[component]
pub fn Problems() -> impl IntoView {
    let checks = FileViews::get().checks();
    let weak = weak_lines();
    let weak_count = move || weak.with(|w| w.lines.len());
    let summary = move || checks.with(|c| problems_summary(c.errors, c.warnings + weak_count()));
    let shown = move || checks.with(|c| c.lines.len()) + weak_count();
    let more = move || shown().saturating_sub(LIMIT);
    let items = move || {
        checks.with(|c| {
            weak.with(|w| {
                c.lines
                    .iter()
                    .chain(&w.lines)
                    .take(LIMIT)
                    .cloned()
                    .map(|line| view! { <Problem line=line /> })
                    .collect_view()
            })
        })
    };
    let scoring = move || {
        weak.with(|w| {
            w.scoring.map(|(done, total)| {
                format!(
                    "Checking the strength of {}: {done} done",
                    plural(total, "plaintext password", "plaintext passwords")
                )
            })
        })
    };
    view! {
        <section class="problems" aria-labelledby="problems-title">
            <h2 id="problems-title">"Problems " <span class="muted">{summary}</span></h2>
            <Show
                when=move || { shown() > 0 }
                fallback=|| view! { <p class="all-good">"No problems found."</p> }
            >
                <ul class="problem-list">{items}</ul>
                <Show when=move || { more() > 0 }>
                    <p class="muted">{move || format!("and {} more", more())}</p>
                </Show>
            </Show>
            <p class="muted strength-note" role="status">
                {move || {
                    if weak.with(|w| w.unavailable) {
                        Some("Weak passwords are not flagged: the strength checker did not start.".to_owned())
                    } else {
                        scoring()
                    }
                }}
            </p>
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

#[cfg(test)]
mod tests {
    use super::*;
    use proget_users_core::parse;

    #[test]
    fn every_plaintext_is_a_candidate_with_its_owner() {
        let file = parse::parse(
            br#"{"users":[{"userName":"a","password":"x"},{"userName":"b"},{"userName":"c","displayName":"C","emailAddress":"c@x","password":"y"}]}"#,
        )
        .unwrap()
        .file;
        let (users, candidates) = plaintext_candidates(&file);
        assert_eq!(users, [0, 2]);
        let owners: Vec<&OwnerDetails> = candidates.iter().map(|c| &c.owner).collect();
        assert_eq!(owners[0], &OwnerDetails::named("a"));
        assert_eq!(
            owners[1],
            &OwnerDetails {
                user_name: "c".into(),
                display_name: Some("C".into()),
                email_address: Some("c@x".into()),
            }
        );
    }

    #[test]
    fn a_weak_line_says_where_without_a_name() {
        let line = weak_line(3, "the password is the user name");
        assert_eq!(line.message, "weak password: the password is the user name");
        assert_eq!(line.place, "$.users[3].password");
        assert_eq!((line.users, line.severity), (vec![3], Severity::Warning));
    }
}
