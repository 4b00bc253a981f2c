//! The weak passwords of a CSV, before it is imported: each row's password
//! scored in the strength worker ([`crate::strength`]) for the row's user,
//! listed by line with the reason, never the password.

use crate::csv_import::Loaded;
use crate::labels::plural;
use crate::state::Document;
use crate::strength::{score_in_chunks, Candidate};
use leptos::prelude::*;
use proget_users_core::csv::{self, CsvUsers};
use proget_users_core::model::UsersFile;

/// Every password of the CSV with its owner, and the rows' lines: the
/// core's [`csv::password_owners`], the rule the command line's
/// `import-csv` scores by (a row's user found by ProGet's case-insensitive
/// name, whose display name and email stand where the row leaves them).
pub fn csv_candidates(file: &UsersFile, users: &CsvUsers) -> (Vec<usize>, Vec<Candidate>) {
    csv::password_owners(file, users)
        .into_iter()
        .filter_map(|(row, owner)| {
            Some((
                row.line,
                Candidate::new(row.password.clone()?, owner.into()),
            ))
        })
        .unzip()
}

/// One weak row: its line and why.
#[derive(Clone, Debug, PartialEq, Eq)]
struct WeakRow {
    line: usize,
    summary: String,
}

/// The CSV's weak passwords, by line; scored again when another CSV is
/// read. Shows nothing when none is weak or scoring is off.
#[component]
pub fn WeakRows(loaded: RwSignal<Option<Loaded>>) -> impl IntoView {
    let document = Document::get();
    let rows = RwSignal::new(Vec::<WeakRow>::new());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (lines, candidates) = loaded.with(|l| {
            l.as_ref()
                .map(|l| document.read_untracked(|f| csv_candidates(f, &l.csv)))
                .unwrap_or_default()
        });
        let current = generation.get_value() + 1;
        generation.set_value(current);
        rows.set(Vec::new());
        score_in_chunks(
            candidates,
            move || generation.try_get_value() == Some(current),
            move |at, verdicts| {
                let weak: Vec<WeakRow> = verdicts
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        Some(WeakRow {
                            line: lines[at + i],
                            summary: v?.summary,
                        })
                    })
                    .collect();
                rows.try_update(|rows| rows.extend(weak));
            },
            |_| {},
        );
    });
    let count = move || rows.with(Vec::len);
    let items = move || {
        rows.with(|rows| {
            rows.iter()
                .take(200)
                .map(|row| {
                    view! {
                        <li class="weak-row">
                            <span class="problem-place">{format!("Line {}", row.line)}</span>
                            <span>{format!("weak password: {}", row.summary)}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || { count() > 0 }>
            <div class="weak-rows" role="group" aria-label="Weak passwords">
                <h3>{move || format!("{} weak", plural(count(), "password is", "passwords are"))}</h3>
                <p class="hint">"They can be imported; ProGet accepts them. Consider asking for stronger ones."</p>
                <ul class="bad-row-list">{items}</ul>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strength::OwnerDetails;
    use proget_users_core::parse;

    #[test]
    fn a_row_s_owner_takes_what_the_row_leaves_from_the_file() {
        let file = parse::parse(
            br#"{"users":[{"userName":"jdoe","displayName":"John Doe","emailAddress":"jd@x.com"}]}"#,
        )
        .unwrap()
        .file;
        let csv = csv::parse_csv(
            "Name,DisplayName,Password\njdoe,,pw1\nann,Ann Smith,pw2\nbob,Bob,\nJDoe,,pw3\n",
        )
        .unwrap();
        let (lines, candidates) = csv_candidates(&file, &csv);
        assert_eq!(lines, [2, 3]);
        assert_eq!(
            candidates[0].owner,
            OwnerDetails {
                user_name: "jdoe".into(),
                display_name: Some("John Doe".into()),
                email_address: Some("jd@x.com".into()),
            }
        );
        assert_eq!(
            candidates[1].owner,
            OwnerDetails {
                user_name: "ann".into(),
                display_name: Some("Ann Smith".into()),
                email_address: None,
            }
        );
    }

    #[test]
    fn a_row_finds_its_user_without_regard_to_case_as_proget_does() {
        let file = parse::parse(br#"{"users":[{"userName":"jdoe","displayName":"John Doe"}]}"#)
            .unwrap()
            .file;
        let csv = csv::parse_csv("Name,Password\nJDOE,pw1\n").unwrap();
        let (_, candidates) = csv_candidates(&file, &csv);
        assert_eq!(
            candidates[0].owner.display_name.as_deref(),
            Some("John Doe")
        );
    }
}
