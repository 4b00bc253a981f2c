//! Undo and redo for a [`UsersFile`], with compact steps.
//!
//! The editor holds files of 50,000 users, so a step does not keep a copy of
//! the file: it keeps only the users that changed, plus the declared
//! groups, the other root fields and the text style when those changed.
//! When the list kept its length, those are the users that differ, each
//! with its position; when users were added or removed, the run of users
//! between the longest common prefix and suffix of the `users` list. An
//! edit of one user costs one user; hashing 1,000 passwords spread over
//! the file costs those 1,000 users. A user counts as changed when its
//! value or the text it was read from changed, so undoing gives back the
//! file's text too, even where two users are alike in value.
//!
//! A step keeps one side of the change at a time: undoing swaps the stored
//! users with those in the file, so the same step then holds what redo
//! needs.
//!
//! ```
//! use proget_users_core::{edit, history::History, model::{User, UsersFile}};
//! let mut file = UsersFile::new();
//! let mut history = History::new();
//! history.apply(&mut file, |f| edit::add_user(f, User::new("jDoe"))).unwrap();
//! history.apply(&mut file, |f| edit::set_email(f, "jDoe", Some("j@example.com"))).unwrap();
//! assert_eq!(history.undo_label(), Some("set the email of jDoe to j@example.com"));
//! assert_eq!(history.undo(&mut file).as_deref(), Some("set the email of jDoe to j@example.com"));
//! assert_eq!(file.users[0].email_address, None);
//! assert_eq!(history.redo(&mut file).as_deref(), Some("set the email of jDoe to j@example.com"));
//! assert_eq!(file.users[0].email_address.as_deref(), Some("j@example.com"));
//! ```
//!
//! The history belongs to one file: every change to that file should go
//! through [`History::apply`] or [`History::record`], or the history should
//! be [cleared](History::clear). A step that no longer fits the file (its
//! users lie beyond the end) is refused rather than applied.

use crate::model::{RootField, TextStyle, User, UsersFile};
use std::collections::VecDeque;
use std::fmt;

/// How many steps a [`History`] keeps unless told otherwise.
pub const DEFAULT_CAPACITY: usize = 200;

/// Undo and redo steps for one file; see the [module docs](self).
#[derive(Clone)]
pub struct History {
    /// Oldest first; `back()` is the next undo.
    undo: VecDeque<Step>,
    /// Oldest first; `last()` is the next redo.
    redo: Vec<Step>,
    capacity: usize,
}

/// One labelled change, holding the side of it that is not in the file.
#[derive(Clone)]
struct Step {
    label: String,
    patch: Patch,
}

impl Step {
    /// Swaps the step's side into `file` (undoing or redoing it: the patch
    /// then holds the other side) and returns its label; `None`, changing
    /// nothing, when the step does not fit the file.
    fn replay(&mut self, file: &mut UsersFile) -> Option<String> {
        if !self.patch.fits(file) {
            return None;
        }
        self.patch.swap(file);
        Some(self.label.clone())
    }
}

/// The difference between two files, one side of it stored: `users` go
/// into the file; `groups`, `fields` and `style` (when present) replace
/// the file's.
#[derive(Clone)]
struct Patch {
    users: Users,
    groups: Option<Vec<String>>,
    fields: Option<Vec<RootField>>,
    style: Option<TextStyle>,
}

/// The users a [`Patch`] puts into the file.
#[derive(Clone)]
enum Users {
    /// The list kept its length: each user replaces the file's at its
    /// position (ascending, each once).
    Spots(Vec<(usize, User)>),
    /// Users were added or removed: `users` replace `in_file` users of the
    /// file from `start` on.
    Run {
        start: usize,
        in_file: usize,
        users: Vec<User>,
    },
}

/// Whether two users are the same for undo: equal in value and read from
/// the same place. `User`'s `==` looks at values only, but writing copies a
/// user's text from where it was read, so two users alike in value yet
/// written differently (`{ }` and `{}`) are not interchangeable: taking
/// one for the other would leave the restored file with their texts
/// swapped or one text twice.
fn same_user(x: &User, y: &User) -> bool {
    x == y && x.origin == y.origin
}

impl Users {
    /// The users that turn `after`'s list back into `before`'s; one pass,
    /// cloning only the users that differ.
    fn between(before: &[User], after: &[User]) -> Users {
        if before.len() == after.len() {
            return Users::Spots(
                before
                    .iter()
                    .zip(after)
                    .enumerate()
                    .filter(|(_, (b, a))| !same_user(b, a))
                    .map(|(i, (b, _))| (i, b.clone()))
                    .collect(),
            );
        }
        let (b, a) = (before, after);
        let prefix = b.iter().zip(a).take_while(|(x, y)| same_user(x, y)).count();
        let max_suffix = b.len().min(a.len()) - prefix;
        let suffix = b
            .iter()
            .rev()
            .zip(a.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| same_user(x, y))
            .count();
        Users::Run {
            start: prefix,
            in_file: a.len() - suffix - prefix,
            users: b[prefix..b.len() - suffix].to_vec(),
        }
    }

    /// How many users are stored.
    fn len(&self) -> usize {
        match self {
            Users::Spots(spots) => spots.len(),
            Users::Run { users, .. } => users.len(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Users::Spots(spots) => spots.is_empty(),
            Users::Run { in_file, users, .. } => *in_file == 0 && users.is_empty(),
        }
    }

    /// Whether these users can go into a list of `len` users.
    fn fits(&self, len: usize) -> bool {
        match self {
            Users::Spots(spots) => spots.last().is_none_or(|(i, _)| *i < len),
            Users::Run { start, in_file, .. } => {
                start.checked_add(*in_file).is_some_and(|end| end <= len)
            }
        }
    }

    /// Swaps these users with the file's, so they then undo themselves.
    fn swap(&mut self, file: &mut Vec<User>) {
        match self {
            Users::Spots(spots) => {
                for (i, user) in spots {
                    std::mem::swap(&mut file[*i], user);
                }
            }
            Users::Run {
                start,
                in_file,
                users,
            } => {
                let stored = std::mem::take(users);
                let range = *start..*start + *in_file;
                *in_file = stored.len();
                *users = file.splice(range, stored).collect();
            }
        }
    }
}

impl Patch {
    /// The patch that turns `after` back into `before`, or `None` when they
    /// are the same, users' texts included (see [`same_user`]).
    fn between(before: &UsersFile, after: &UsersFile) -> Option<Patch> {
        Patch {
            users: Users::between(&before.users, &after.users),
            groups: (before.groups != after.groups).then(|| before.groups.clone()),
            fields: (before.fields != after.fields).then(|| before.fields.clone()),
            style: (before.style != after.style).then_some(before.style),
        }
        .nonempty()
    }

    fn nonempty(self) -> Option<Patch> {
        let empty = self.users.is_empty()
            && self.groups.is_none()
            && self.fields.is_none()
            && self.style.is_none();
        (!empty).then_some(self)
    }

    /// Whether the patch can be applied to `file`.
    fn fits(&self, file: &UsersFile) -> bool {
        self.users.fits(file.users.len())
    }

    /// Swaps the stored side with the file's, so the patch then undoes
    /// itself. The caller checks [`Patch::fits`] first.
    fn swap(&mut self, file: &mut UsersFile) {
        self.users.swap(&mut file.users);
        if let Some(groups) = &mut self.groups {
            std::mem::swap(groups, &mut file.groups);
        }
        if let Some(fields) = &mut self.fields {
            std::mem::swap(fields, &mut file.fields);
        }
        if let Some(style) = &mut self.style {
            std::mem::swap(style, &mut file.style);
        }
    }
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// An empty history keeping [`DEFAULT_CAPACITY`] steps.
    pub fn new() -> Self {
        History::with_capacity(DEFAULT_CAPACITY)
    }

    /// An empty history keeping at most `capacity` undo steps; the oldest
    /// is dropped when a new one would pass it.
    pub fn with_capacity(capacity: usize) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            capacity,
        }
    }

    /// How many undo steps are kept at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Changes the capacity, dropping the oldest undo steps (and, past it,
    /// the farthest redo steps) that no longer fit.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity;
        while self.undo.len() > capacity {
            self.undo.pop_front();
        }
        if self.redo.len() > capacity {
            self.redo.drain(..self.redo.len() - capacity);
        }
    }

    /// Runs an edit on `file` and records it, labelled with the edit's
    /// result (an [`edit::Change`](crate::edit::Change), say). An edit that
    /// fails leaves the file as it was (restored if the closure had changed
    /// it) and records nothing; one that changes nothing records nothing.
    ///
    /// This copies the file for the time of the edit, to compare; only the
    /// difference is kept.
    pub fn apply<T: fmt::Display, E>(
        &mut self,
        file: &mut UsersFile,
        edit: impl FnOnce(&mut UsersFile) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = file.clone();
        match edit(file) {
            Ok(done) => {
                self.record(done.to_string(), &before, file);
                Ok(done)
            }
            Err(e) => {
                *file = before;
                Err(e)
            }
        }
    }

    /// Records that the file went from `before` to `after` (its current
    /// state), for changes made in several parts, like hashing in chunks:
    /// keep a copy before the first part and record once after the last.
    /// Clears the redo steps. Returns whether a step was recorded: nothing
    /// is when the files are the same (in value and in the users' texts)
    /// or the capacity is zero.
    pub fn record(
        &mut self,
        label: impl Into<String>,
        before: &UsersFile,
        after: &UsersFile,
    ) -> bool {
        match Patch::between(before, after) {
            Some(patch) => self.push(label.into(), patch),
            None => false,
        }
    }

    /// Records a change made to some users in place (the list kept its
    /// length; nothing else changed) from those users as they were:
    /// `before` holds the position and the former value of every user the
    /// change may have touched. A user listed twice counts as first listed;
    /// one that is the same now (see [`History::record`]) or lies beyond
    /// the file is left out. Costs what `before` holds, not the file: for a
    /// change made in parts, like hashing in chunks, keep each user a part
    /// is about to change, then record once.
    ///
    /// ```
    /// use proget_users_core::{history::History, model::{User, UsersFile}};
    /// let mut file = UsersFile::new();
    /// file.users.extend([User::new("a"), User::new("b"), User::new("c")]);
    /// let mut history = History::new();
    /// let before = vec![(2, file.users[2].clone()), (0, file.users[0].clone())];
    /// file.users[2].set_display_name(Some("Cee".into()));
    /// assert!(history.record_users("rename c", before, &file));
    /// history.undo(&mut file);
    /// assert_eq!(file.users[2].display_name.as_deref(), Some("c"));
    /// ```
    pub fn record_users(
        &mut self,
        label: impl Into<String>,
        mut before: Vec<(usize, User)>,
        after: &UsersFile,
    ) -> bool {
        // Stable: of a user listed twice, the first listing stays first.
        before.sort_by_key(|(i, _)| *i);
        before.dedup_by_key(|(i, _)| *i);
        before.retain(|(i, user)| after.users.get(*i).is_some_and(|now| !same_user(user, now)));
        let patch = Patch {
            users: Users::Spots(before),
            groups: None,
            fields: None,
            style: None,
        };
        match patch.nonempty() {
            Some(patch) => self.push(label.into(), patch),
            None => false,
        }
    }

    /// Keeps `patch` as the next undo step (dropping the oldest past the
    /// capacity) and clears the redo steps.
    fn push(&mut self, label: String, patch: Patch) -> bool {
        self.redo.clear();
        if self.capacity == 0 {
            return false;
        }
        while self.undo.len() >= self.capacity {
            self.undo.pop_front();
        }
        self.undo.push_back(Step { label, patch });
        true
    }

    /// Undoes the latest step on `file` and returns its label; `None` when
    /// there is nothing to undo or the step does not fit the file.
    pub fn undo(&mut self, file: &mut UsersFile) -> Option<String> {
        let label = self.undo.back_mut()?.replay(file)?;
        self.redo.extend(self.undo.pop_back());
        Some(label)
    }

    /// Redoes the latest undone step on `file` and returns its label; `None`
    /// when there is nothing to redo or the step does not fit the file.
    pub fn redo(&mut self, file: &mut UsersFile) -> Option<String> {
        let label = self.redo.last_mut()?.replay(file)?;
        self.undo.extend(self.redo.pop());
        Some(label)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step [`undo`](History::undo) would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    /// The label of the step [`redo`](History::redo) would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The labels of the undo steps, latest first (for a history menu).
    pub fn undo_labels(&self) -> impl Iterator<Item = &str> {
        self.undo.iter().rev().map(|s| s.label.as_str())
    }

    /// The labels of the redo steps, next first.
    pub fn redo_labels(&self) -> impl Iterator<Item = &str> {
        self.redo.iter().rev().map(|s| s.label.as_str())
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// How many users all steps hold together: the measure of the history's
    /// memory, since users are nearly all of it.
    pub fn stored_users(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|s| s.patch.users.len())
            .sum()
    }

    /// Forgets every step (after opening another file, say).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

impl fmt::Debug for History {
    /// Labels and sizes only: steps can hold users with plaintext passwords,
    /// and those are never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("History")
            .field(
                "undo",
                &self.undo.iter().map(|s| &s.label).collect::<Vec<_>>(),
            )
            .field(
                "redo",
                &self.redo.iter().map(|s| &s.label).collect::<Vec<_>>(),
            )
            .field("capacity", &self.capacity)
            .field("stored_users", &self.stored_users())
            .finish()
    }
}
