//! The weak passwords of a CSV, before it is imported: each row's password
//! scored in the strength worker ([`crate::strength`]) for the row's user,
//! listed by line with the reason, never the password.

use crate::csv_import::Loaded;
use crate::labels::plural;
use crate::state::Document;
use crate::strength::{score_in_chunks, Candidate, OwnerDetails};
use foldhash::{HashMap, HashMapExt};
use leptos::prelude::*;
use proget_users_core::csv::CsvUsers;
use proget_users_core::model::UsersFile;

/// Every password of the CSV with its owner, and the rows' lines. A row's
/// owner is its name, display name and email, and for a user the file
/// has, that user's display name and email where the row leaves them as
/// they are (as the command line's `import-csv` scores them).
pub fn csv_candidates(file: &UsersFile, csv: &CsvUsers) -> (Vec<usize>, Vec<Candidate>) {
    let mut known: HashMap<&str, usize> = HashMap::with_capacity(file.users.len());
    for (i, user) in file.users.iter().enumerate() {
        known.entry(user.user_name.as_str()).or_insert(i);
    }
    csv.rows
        .iter()
        .filter_map(|row| {
            let password = row.password.clone()?;
            let user = known.get(row.name.as_str()).map(|&i| &file.users[i]);
            let owner = OwnerDetails {
                user_name: row.name.clone(),
                display_name: row
                    .display_name
                    .clone()
                    .or_else(|| user?.display_name.clone()),
                email_address: match &row.email {
                    Some(email) => email.clone(),
                    None => user.and_then(|u| u.email_address.clone()),
                },
            };
            Some((row.line, Candidate::new(password, owner)))
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
    use proget_users_core::{csv, parse};

    #[test]
    fn a_row_s_owner_takes_what_the_row_leaves_from_the_file() {
        let file = parse::parse(
            br#"{"users":[{"userName":"jdoe","displayName":"John Doe","emailAddress":"jd@x.com"}]}"#,
        )
        .unwrap()
        .file;
        let csv =
            csv::parse_csv("Name,DisplayName,Password\njdoe,,pw1\nann,Ann Smith,pw2\nbob,Bob,\n")
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
}
