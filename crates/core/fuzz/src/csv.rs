//! Target `csv`: any bytes read as a users CSV, previewed and imported
//! into a small file (the command-line tests' `team.json`).
//!
//! - Reading never panics; an error or a bad row says its line, within the
//!   text, and no message carries a raw control character.
//! - Good rows have a trimmed, non-empty name without control characters,
//!   each name once (ignoring letter case).
//! - The import refuses bad rows unless told to skip them, does what the
//!   preview said, leaves every row's user as the row says, and the file
//!   then writes to text that reads as the same model.
//! - Exporting the result ([`csv::to_csv`]) and reading it back gives the
//!   same users, for users whose fields a CSV can carry.

use crate::{assert_safe_lines, assert_safe_message};
use proget_users_core::csv::{self, BadRows, CsvApplyError, CsvError, CsvUsers};
use proget_users_core::model::UsersFile;
use proget_users_core::names::{fold, UserIndex};
use proget_users_core::parse::parse;
use proget_users_core::password::PasswordHash;
use proget_users_core::validate::is_plausible_email;
use proget_users_core::write::to_json;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The file every CSV is imported into, read once.
fn team() -> &'static UsersFile {
    static TEAM: OnceLock<UsersFile> = OnceLock::new();
    TEAM.get_or_init(|| {
        let text = include_bytes!("../../../cli/tests/fixtures/team.json");
        parse(text).expect("team.json reads").file
    })
}

/// The whole check of one input.
pub fn check(data: &[u8]) {
    // Lines can be no more than the line breaks allow (UTF-16 counts its
    // code units; an `sep=` line is one more).
    let breaks = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let last_line = if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        data.len() + 1
    } else {
        breaks + 1
    };
    let users = match csv::parse_csv_bytes(data) {
        Ok(users) => users,
        Err(e) => {
            assert_safe_message("a CSV error", &e.to_string());
            if let CsvError::NotUtf8 { line } | CsvError::UnterminatedQuote { line } = e {
                assert!((1..=last_line).contains(&line), "{e}: no such line");
            }
            return;
        }
    };
    check_rows(&users, last_line);
    import(&users);
}

fn check_rows(users: &CsvUsers, last_line: usize) {
    let mut lines = HashSet::new();
    for (a, b) in users.rows.iter().zip(users.rows.iter().skip(1)) {
        assert!(
            a.line < b.line,
            "rows out of order: lines {} and {}",
            a.line,
            b.line
        );
    }
    for (a, b) in users.bad_rows.iter().zip(users.bad_rows.iter().skip(1)) {
        assert!(
            a.line < b.line,
            "bad rows out of order: lines {} and {}",
            a.line,
            b.line
        );
    }
    let mut names = HashSet::new();
    for row in &users.rows {
        assert!(
            (1..=last_line).contains(&row.line),
            "a row on line {}",
            row.line
        );
        assert!(lines.insert(row.line), "two rows on line {}", row.line);
        let name = row.name.as_str();
        assert!(!name.is_empty() && name.trim() == name, "name {name:?}");
        assert!(!name.chars().any(char::is_control), "name {name:?}");
        assert!(names.insert(fold(name).into_owned()), "{name:?} twice");
    }
    for bad in &users.bad_rows {
        assert!((1..=last_line).contains(&bad.line), "{bad}: no such line");
        assert!(lines.insert(bad.line), "two rows on line {}", bad.line);
        assert_safe_message("a bad row", &bad.to_string());
    }
}

fn fake_hash(row: usize) -> PasswordHash {
    PasswordHash {
        password_bytes: format!("{row:08}LiA/yIyaWf0HAbc9zQ4="),
        salt_bytes: "sBaGqDLnTykFGQ==".into(),
    }
}

fn import(users: &CsvUsers) {
    let preview = csv::preview(team(), users);
    assert_safe_lines("a CSV preview", &preview.to_string());
    assert_eq!(preview.bad_rows, users.bad_rows);

    let jobs = csv::password_jobs(users);
    let hashes = || jobs.iter().map(|job| (job.row, fake_hash(job.row)));
    // Without bad rows, Refuse imports as Skip does (checked below).
    let bad_rows = if users.bad_rows.is_empty() {
        BadRows::Refuse
    } else {
        let mut file = team().clone();
        let refused = csv::apply_with_hashes(&mut file, users, BadRows::Refuse, hashes());
        let Err(e @ CsvApplyError::BadRows(_)) = refused else {
            panic!("bad rows were imported: {refused:?}");
        };
        assert_eq!(e, CsvApplyError::BadRows(users.bad_rows.clone()));
        assert_eq!(&file, team(), "a refused import changed the file");
        assert_safe_message("a refused import", &e.to_string());
        BadRows::Skip
    };
    if let Some(job) = jobs.first() {
        let mut file = team().clone();
        let missing = csv::apply_with_hashes(&mut file, users, BadRows::Skip, []);
        assert_eq!(
            missing,
            Err(CsvApplyError::MissingHash {
                line: users.rows[job.row].line
            })
        );
        assert_eq!(
            &file,
            team(),
            "an import without its hashes changed the file"
        );
    }

    let mut file = team().clone();
    let done = csv::apply_with_hashes(&mut file, users, bad_rows, hashes())
        .unwrap_or_else(|e| panic!("an import with every hash failed: {e}"));
    assert_safe_message("an import", &done.to_string());
    let changes = &preview.changes;
    assert_eq!(
        done.users_added, changes.users_added,
        "added other users than the preview said"
    );
    let updated: Vec<&str> = changes
        .users_updated
        .iter()
        .map(|u| u.user_name.as_str())
        .collect();
    assert_eq!(
        done.users_updated, updated,
        "updated other users than the preview said"
    );
    assert_eq!(
        done.groups_added, changes.groups_added,
        "declared other groups than the preview said"
    );
    assert_eq!(done.passwords_set, jobs.len());
    assert_eq!(done.rows_skipped, users.bad_rows);
    assert_eq!(
        file.users.len(),
        team().users.len() + done.users_added.len()
    );

    // Every row's user is as the row says.
    let index = UserIndex::of(&file);
    for (i, row) in users.rows.iter().enumerate() {
        let user = &file.users[index.find(&row.name).expect("a row's user is in the file")];
        if let Some(display) = &row.display_name {
            assert_eq!(
                user.display_name.as_ref(),
                Some(display),
                "line {}",
                row.line
            );
        }
        if let Some(email) = &row.email {
            assert_eq!(&user.email_address, email, "line {}", row.line);
        }
        if let Some(groups) = &row.groups {
            let folded = |g: &[String]| -> HashSet<String> {
                g.iter().map(|g| fold(g).into_owned()).collect()
            };
            assert_eq!(folded(&user.groups), folded(groups), "line {}", row.line);
        }
        if row.password.is_some() {
            assert_eq!(user.password_bytes, Some(fake_hash(i).password_bytes));
            assert_eq!(user.password, None, "line {}: a plaintext stayed", row.line);
        }
    }

    let written = to_json(&file);
    let again = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("an imported file's text does not read: {e}\n{written:?}"));
    assert_eq!(
        again.file.users, file.users,
        "written → read changed the users"
    );
    assert_eq!(
        again.file.groups, file.groups,
        "written → read changed the groups"
    );

    export_and_read_back(&file);
}

/// Whether a CSV cell can carry `text` as it is: reading trims spaces and
/// takes a leading `'` for a defused formula.
fn fits_a_cell(text: &str) -> bool {
    text.trim() == text && !text.starts_with('\'') && !text.chars().any(char::is_control)
}

/// What [`csv::to_csv`] promises: reading its text gives the same names,
/// display names, emails and groups.
fn export_and_read_back(file: &UsersFile) {
    let text = csv::to_csv(file, None);
    let read =
        csv::parse_csv(&text).unwrap_or_else(|e| panic!("an exported CSV does not read: {e}"));
    let mut by_name = std::collections::HashMap::new();
    for row in &read.rows {
        by_name.insert(row.name.as_str(), row);
    }
    for user in &file.users {
        let carried = fits_a_cell(&user.user_name)
            && !user.user_name.is_empty()
            && user
                .display_name
                .as_deref()
                .is_none_or(|d| fits_a_cell(d) && !d.is_empty())
            && user
                .email_address
                .as_deref()
                .is_none_or(|e| e.is_empty() || (fits_a_cell(e) && is_plausible_email(e)))
            && user
                .groups
                .iter()
                .all(|g| fits_a_cell(g) && !g.is_empty() && !g.contains(';'))
            && user
                .groups
                .iter()
                .map(|g| g.as_str())
                .collect::<HashSet<_>>()
                .len()
                == user.groups.len()
            && file
                .users
                .iter()
                .filter(|u| fold(&u.user_name) == fold(&user.user_name))
                .count()
                == 1;
        if !carried {
            continue;
        }
        let row = by_name
            .get(user.user_name.as_str())
            .unwrap_or_else(|| panic!("{:?} is not read back from {text:?}", user.user_name));
        assert_eq!(row.display_name, user.display_name, "{text:?}");
        let email = user.email_address.clone().filter(|e| !e.is_empty());
        assert_eq!(row.email, Some(email), "{text:?}");
        assert_eq!(row.groups.as_ref(), Some(&user.groups), "{text:?}");
        assert_eq!(row.password, None);
    }
}
