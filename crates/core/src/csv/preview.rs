//! What importing a CSV would do to a file, worked out row by row without
//! changing the file or hashing a password: each row adds a user, updates
//! one (matched by ProGet's case-insensitive rule), or changes nothing.
//! [`apply`](fn@super::apply) carries the same actions out.

use super::{CsvRow, CsvUsers, RowError};
use crate::model::{User, UsersFile};
use crate::names::{self, GroupNames, UserIndex};
use crate::plan::{self, ImportPlan, UserUpdate};
use crate::report::{self, Report};
use std::fmt;

/// What importing a CSV would do, before doing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvPreview {
    /// The changes, as an import plan: `groups_added` are the groups to
    /// declare, `users_added` and `users_updated` the users (updates
    /// named as the file has them).
    pub changes: ImportPlan,
    /// Users the CSV names whose rows change nothing.
    pub unchanged: Vec<String>,
    /// The rows that cannot be imported.
    pub bad_rows: Vec<RowError>,
}

impl CsvPreview {
    /// The preview one change a line (as [`ImportPlan::lines`]), then a
    /// `bad-row` line for each bad row.
    pub fn lines(&self) -> Vec<String> {
        report::lines(self)
    }
}

impl Report for CsvPreview {
    fn each_line(&self, line: &mut dyn FnMut(fmt::Arguments<'_>) -> fmt::Result) -> fmt::Result {
        self.changes.each_line(line)?;
        for e in &self.bad_rows {
            line(format_args!("bad-row {e}"))?;
        }
        Ok(())
    }
}

impl fmt::Display for CsvPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        report::write(self, f)
    }
}

/// What one row does to the file.
pub(super) enum RowAction {
    Add(User),
    /// The update, and the user as it becomes.
    Update(Box<UserUpdate>, User),
    Unchanged(String),
}

/// Works out every row's action (without passwords: those are set by the
/// caller, so a preview never hashes). Linear: the file's users are indexed
/// once ([`UserIndex`]) and matched by ProGet's rule ([`UserIndex::find`]).
pub(super) fn plan_rows(file: &UsersFile, csv: &CsvUsers) -> (Vec<RowAction>, Vec<String>) {
    let index = UserIndex::of(file);
    let mut groups = GroupNames::of(file);
    let actions = csv
        .rows
        .iter()
        .map(|row| {
            let row_groups = row.groups.as_ref().map(|g| groups.adopt(g));
            match index.find(&row.name) {
                None => {
                    let mut user = User::new(row.name.clone());
                    if let Some(d) = &row.display_name {
                        user.set_display_name(Some(d.clone()));
                    }
                    if let Some(Some(e)) = &row.email {
                        user.set_email_address(Some(e.clone()));
                    }
                    if let Some(g) = row_groups {
                        user.set_groups(g);
                    }
                    RowAction::Add(user)
                }
                Some(i) => update_row(&file.users[i], row, row_groups),
            }
        })
        .collect();
    (actions, groups.take_new())
}

/// What a row does to an existing user.
fn update_row(old: &User, row: &CsvRow, groups: Option<Vec<String>>) -> RowAction {
    let mut update = UserUpdate {
        user_name: old.user_name.clone(),
        password_changed: row.password.is_some(),
        ..UserUpdate::default()
    };
    let mut changed = row.password.is_some();
    let display = row
        .display_name
        .as_deref()
        .filter(|d| plan::set(&old.display_name) != Some(*d));
    let email = row
        .email
        .as_ref()
        .filter(|e| plan::set(&old.email_address) != e.as_deref());
    let groups = groups.filter(|g| !names::same_groups(&old.groups, g));
    if display.is_none() && email.is_none() && groups.is_none() && !changed {
        return RowAction::Unchanged(old.user_name.clone());
    }
    let mut user = old.clone();
    if let Some(d) = display {
        let from = plan::set(&old.display_name).map(str::to_owned);
        update.display_name = Some((from, Some(d.to_owned())));
        user.set_display_name(Some(d.to_owned()));
        changed = true;
    }
    if let Some(e) = email {
        let from = plan::set(&old.email_address).map(str::to_owned);
        update.email = Some((from, e.clone()));
        user.set_email_address(e.clone());
        changed = true;
    }
    if let Some(g) = groups {
        (update.groups_joined, update.groups_left) = names::group_changes(&old.groups, &g);
        user.set_groups(g);
        changed = true;
    }
    debug_assert!(changed);
    RowAction::Update(Box::new(update), user)
}

/// What [`apply`](fn@super::apply) would do to `file`, changing nothing and hashing nothing.
pub fn preview(file: &UsersFile, csv: &CsvUsers) -> CsvPreview {
    let (actions, groups_added) = plan_rows(file, csv);
    let mut changes = ImportPlan {
        groups_added,
        ..ImportPlan::default()
    };
    let mut unchanged = Vec::new();
    for action in actions {
        match action {
            RowAction::Add(user) => changes.users_added.push(user.user_name),
            RowAction::Update(update, _) => changes.users_updated.push(*update),
            RowAction::Unchanged(name) => unchanged.push(name),
        }
    }
    CsvPreview {
        changes,
        unchanged,
        bad_rows: csv.bad_rows.clone(),
    }
}
