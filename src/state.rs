//! The editor's state: one [`Editor`] of signals, shared through context.
//!
//! Every change to the file goes through [`Editor::apply`], which runs one
//! core edit, reports its [`Change`] (or [`EditError`]) in the status line
//! and marks the file as changed; undo and redo can hook in there. What the
//! page shows about the file (problems, the import plan, the table's rows)
//! is derived in [`Memo`]s, so it is computed once per change.

use crate::compare_panel::OtherFile;
use leptos::prelude::*;
use proget_users_core::edit::{Change, EditError};
use proget_users_core::history::History;
use proget_users_core::model::{PasswordState, User, UsersFile};
use proget_users_core::parse::{self, Diagnostic, ErrorKind, ParseError};
use proget_users_core::plan::{self, ImportPlan, PlanOptions};
use proget_users_core::validate::{self, Finding, Severity};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Display;

/// The file name a new file is downloaded as.
pub const NEW_FILE_NAME: &str = "users-and-groups.json";

/// ProGet's own example export, for trying the editor out.
pub const EXAMPLE: &str = proget_users_core::sample::EXAMPLE_EXPORT;

/// What fills the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Ways to open a file.
    Start,
    /// A file that could not be read, as text to fix.
    Raw,
    /// The users and groups of an open file.
    Editor,
}

/// The tabs of the editor screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Users,
    Groups,
    Changes,
    /// The comparison with a second file.
    Compare,
}

/// A text that did not parse, kept whole so the user can fix it in place.
#[derive(Clone, Debug, PartialEq)]
pub struct RawText {
    /// The name of the file it came from (`None` when pasted).
    pub name: Option<String>,
    /// The text, without a byte order mark (positions count after it).
    pub text: String,
    /// Whether a UTF-8 byte order mark led the text.
    pub bom: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl RawText {
    /// The text as it was given, byte order mark included.
    pub fn full_text(&self) -> String {
        if self.bom {
            format!("\u{feff}{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The status line: the last change, or why something failed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    Empty,
    Info(String),
    Error(String),
}

/// A column of the users table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    UserName,
    DisplayName,
    Email,
    Groups,
    Password,
}

/// How the users table is sorted; without one, rows keep file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// A group as the groups panel lists it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupRow {
    pub name: String,
    pub members: usize,
    /// Whether the root `groups` array declares it.
    pub declared: bool,
}

/// How far a run of password hashing has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashProgress {
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
}

/// The whole state of the page. Every field is a signal handle, so the
/// struct is `Copy` and moves freely into closures.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The file being edited.
    pub file: RwSignal<UsersFile>,
    /// The file as it was opened: the server's state for the import plan.
    pub opened: RwSignal<UsersFile>,
    /// The name of the opened file; `None` for a new or pasted file.
    pub file_name: RwSignal<Option<String>>,
    /// Whether there are changes not yet downloaded.
    pub dirty: RwSignal<bool>,
    pub screen: RwSignal<Screen>,
    /// Whether a file has been opened (or started) since the page loaded.
    pub loaded: RwSignal<bool>,
    pub tab: RwSignal<Tab>,
    /// The text that failed to parse, while the raw view shows it.
    pub raw: RwSignal<Option<RawText>>,
    /// Selected users, by index into `file.users`.
    pub selection: RwSignal<BTreeSet<usize>>,
    pub status: RwSignal<Status>,
    /// The users table's filter text.
    pub filter: RwSignal<String>,
    pub sort: RwSignal<Option<Sort>>,
    /// ProGet's "Delete missing users and groups" import option.
    pub delete_missing: RwSignal<bool>,
    /// A user the table should scroll to (set by the problems list).
    pub reveal: RwSignal<Option<usize>>,
    /// A running hash of plaintext passwords.
    pub hashing: RwSignal<Option<HashProgress>>,
    /// Problems in the file, errors first.
    pub findings: Memo<Vec<Finding>>,
    /// The users table's rows: indices into `file.users`, filtered and sorted.
    pub rows: Memo<Vec<usize>>,
    /// What importing the file over the opened one would change.
    pub plan: Memo<ImportPlan>,
    /// Every group with its member count.
    pub groups: Memo<Vec<GroupRow>>,
    /// Undo and redo of the edits made since the file was opened.
    pub history: RwSignal<History>,
    /// The file before a run of edits recorded as one undo step (a
    /// hashing run in slices); `None` outside such a run.
    pub batch: StoredValue<Option<UsersFile>>,
    /// A second file to compare with and take users and groups from.
    pub other: RwSignal<Option<OtherFile>>,
}

impl Editor {
    /// A new editor on the start screen, with an empty file.
    pub fn new() -> Self {
        let file = RwSignal::new(UsersFile::new());
        let opened = RwSignal::new(UsersFile::new());
        let filter = RwSignal::new(String::new());
        let sort = RwSignal::new(None::<Sort>);
        let delete_missing = RwSignal::new(false);
        let findings = Memo::new(move |_| file.with(validate::validate));
        let rows = Memo::new(move |_| {
            let needle = filter.with(|f| f.trim().to_lowercase());
            let sort = sort.get();
            file.with(|f| visible_rows(&f.users, &needle, sort))
        });
        let plan = Memo::new(move |_| {
            let options = PlanOptions {
                delete_missing: delete_missing.get(),
            };
            opened.with(|server| file.with(|import| plan::plan(server, import, options)))
        });
        let groups = Memo::new(move |_| file.with(group_rows));
        Editor {
            file,
            opened,
            file_name: RwSignal::new(None),
            dirty: RwSignal::new(false),
            screen: RwSignal::new(Screen::Start),
            loaded: RwSignal::new(false),
            tab: RwSignal::new(Tab::Users),
            raw: RwSignal::new(None),
            selection: RwSignal::new(BTreeSet::new()),
            status: RwSignal::new(Status::Empty),
            filter,
            sort,
            delete_missing,
            reveal: RwSignal::new(None),
            hashing: RwSignal::new(None),
            findings,
            rows,
            plan,
            groups,
            history: RwSignal::new(History::new()),
            batch: StoredValue::new(None),
            other: RwSignal::new(None),
        }
    }

    /// The editor of the surrounding component tree.
    pub fn get() -> Self {
        expect_context::<Editor>()
    }

    /// Runs one edit of the file: the one place every change passes
    /// through. On success the status line shows the change, the file is
    /// marked as changed and the edit becomes one undo step; on failure the
    /// file is unchanged and the status shows `label` and the error. The
    /// selection follows users by name.
    pub fn apply(
        &self,
        label: &str,
        edit: impl FnOnce(&mut UsersFile) -> Result<Change, EditError>,
    ) -> Result<Change, EditError> {
        self.apply_any(label, edit)
            .unwrap_or(Err(EditError::EmptyName))
    }

    /// [`Editor::apply`] for any edit whose result and error print (CSV
    /// imports, merges, generated passwords). `None` only when the page is
    /// gone.
    pub fn apply_any<T: Display, E: Display>(
        &self,
        label: &str,
        edit: impl FnOnce(&mut UsersFile) -> Result<T, E>,
    ) -> Option<Result<T, E>> {
        let selected = self.selected_names_untracked();
        let batching = self.batch.with_value(Option::is_some);
        let mut result = None;
        self.file.maybe_update(|f| {
            let r = if batching {
                edit(f)
            } else {
                let mut r = None;
                self.history.update(|h| r = Some(h.apply(f, edit)));
                match r {
                    Some(r) => r,
                    None => return false,
                }
            };
            let changed = r.is_ok();
            result = Some(r);
            changed
        });
        match result.as_ref()? {
            Ok(change) => {
                self.reselect(&selected);
                self.dirty.set(true);
                self.status.set(Status::Info(sentence(&change.to_string())));
            }
            Err(e) => self.status.set(Status::Error(format!("{label}: {e}"))),
        }
        result
    }

    /// The names of the selected users, without tracking.
    fn selected_names_untracked(&self) -> HashSet<String> {
        self.file.with_untracked(|f| {
            self.selection.with_untracked(|s| {
                s.iter()
                    .filter_map(|&i| f.users.get(i).map(|u| u.user_name.clone()))
                    .collect()
            })
        })
    }

    /// Selects the users named in `selected` where they are now.
    fn reselect(&self, selected: &HashSet<String>) {
        let still: BTreeSet<usize> = self.file.with_untracked(|f| {
            f.users
                .iter()
                .enumerate()
                .filter(|(_, u)| selected.contains(&u.user_name))
                .map(|(i, _)| i)
                .collect()
        });
        if self.selection.with_untracked(|s| *s != still) {
            self.selection.set(still);
        }
    }

    /// Undoes the latest edit (not while passwords are being hashed).
    pub fn undo(&self) {
        self.step(true);
    }

    /// Redoes the latest undone edit (not while passwords are being hashed).
    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, undo: bool) {
        if self.hashing.with_untracked(Option::is_some) {
            return;
        }
        let selected = self.selected_names_untracked();
        let mut label = None;
        self.file.maybe_update(|f| {
            self.history.update(|h| {
                label = if undo { h.undo(f) } else { h.redo(f) };
            });
            label.is_some()
        });
        if let Some(label) = label {
            self.reselect(&selected);
            self.dirty.set(true);
            let verb = if undo { "Undid" } else { "Redid" };
            self.status.set(Status::Info(format!("{verb}: {label}")));
        }
    }

    /// Starts a run of edits that [`Editor::end_batch`] records as one
    /// undo step.
    pub fn begin_batch(&self) {
        let before = self.file.get_untracked();
        self.batch.set_value(Some(before));
    }

    /// Ends the run [`Editor::begin_batch`] started, recording what it
    /// changed as one undo step named `label`.
    pub fn end_batch(&self, label: &str) {
        let Some(before) = self.batch.try_update_value(Option::take).flatten() else {
            return;
        };
        self.file.with_untracked(|after| {
            self.history.update(|h| {
                h.record(label, &before, after);
            });
        });
    }

    /// Opens a file's bytes: into the editor when they parse, otherwise into
    /// the raw view with every diagnostic. Returns whether it parsed.
    pub fn open_bytes(&self, name: Option<String>, bytes: &[u8]) -> bool {
        match parse::parse(bytes) {
            Ok(parsed) => {
                self.load(name, parsed.file);
                true
            }
            Err(error) => {
                let text = String::from_utf8_lossy(bytes);
                self.show_raw(name, &text, error);
                false
            }
        }
    }

    /// Opens a text (pasted, or fixed in the raw view).
    pub fn open_text(&self, name: Option<String>, text: &str) -> bool {
        match parse::parse_str(text) {
            Ok(parsed) => {
                self.load(name, parsed.file);
                true
            }
            Err(error) => {
                self.show_raw(name, text, error);
                false
            }
        }
    }

    /// Starts a new, empty file.
    pub fn new_file(&self) {
        self.load(None, UsersFile::new());
        self.status.set(Status::Info("Started a new file".into()));
    }

    /// Opens ProGet's example export.
    pub fn open_example(&self) {
        self.open_text(Some("example-export.json".into()), EXAMPLE);
    }

    /// Refuses a file too large to read, before reading it.
    pub fn refuse_too_large(&self, name: &str, len: usize) {
        let why = ErrorKind::TooLarge { len };
        self.status.set(Status::Error(format!("{name}: {why}")));
    }

    fn load(&self, name: Option<String>, file: UsersFile) {
        let summary = format!(
            "{}: {}, {}",
            name.as_deref().unwrap_or("Opened"),
            plural(file.users.len(), "user", "users"),
            plural(file.all_groups().len(), "group", "groups")
        );
        self.opened.set(file.clone());
        self.file.set(file);
        self.history.update(History::clear);
        self.batch.set_value(None);
        self.file_name.set(name);
        self.dirty.set(false);
        self.raw.set(None);
        self.selection.set(BTreeSet::new());
        self.filter.set(String::new());
        self.sort.set(None);
        self.reveal.set(None);
        self.tab.set(Tab::Users);
        self.screen.set(Screen::Editor);
        self.loaded.set(true);
        self.status.set(Status::Info(summary));
    }

    fn show_raw(&self, name: Option<String>, text: &str, error: ParseError) {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let first = error.first().to_string();
        let label = name.as_deref().unwrap_or("The text").to_owned();
        self.raw.set(Some(RawText {
            name,
            text: text.to_owned(),
            bom,
            diagnostics: error.diagnostics,
        }));
        self.screen.set(Screen::Raw);
        self.status
            .set(Status::Error(format!("{label} could not be read: {first}")));
    }

    /// The name to download the file as.
    pub fn download_name(&self) -> String {
        self.file_name
            .get()
            .unwrap_or_else(|| NEW_FILE_NAME.to_owned())
    }

    /// The names of the selected users, in file order (not tracked: for
    /// event handlers).
    pub fn selected_names(&self) -> Vec<String> {
        self.file.with_untracked(|f| {
            self.selection.with_untracked(|s| {
                s.iter()
                    .filter_map(|&i| f.users.get(i).map(|u| u.user_name.clone()))
                    .collect()
            })
        })
    }

    /// How many findings are errors.
    pub fn error_count(&self) -> usize {
        self.findings
            .with(|f| f.iter().filter(|f| f.severity() == Severity::Error).count())
    }

    /// Shows a user in the table: scrolls to it (clearing a filter that
    /// hides it) and, with `select`, makes it the only selected user.
    pub fn reveal_user(&self, index: usize, select: bool) {
        if self.file.with_untracked(|f| index >= f.users.len()) {
            return;
        }
        self.tab.set(Tab::Users);
        if !self.rows.with_untracked(|r| r.contains(&index)) {
            self.filter.set(String::new());
        }
        if select {
            self.selection.set(BTreeSet::from([index]));
        }
        self.reveal.set(Some(index));
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}

/// `n` and the noun, singular for one: `plural(2, "user", "users")` is
/// `"2 users"`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The text with its first letter in upper case, for a status line.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The word the table shows for a password state.
pub fn password_label(state: PasswordState) -> &'static str {
    match state {
        PasswordState::Hashed => "hashed",
        PasswordState::Plaintext => "plaintext",
        PasswordState::None => "none",
    }
}

/// Whether a user matches a filter (already lower case): any of its name,
/// display name, email, groups or password state contains it.
pub fn matches(user: &User, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let has = |s: &str| s.to_lowercase().contains(needle);
    has(&user.user_name)
        || user.display_name.as_deref().is_some_and(has)
        || user.email_address.as_deref().is_some_and(has)
        || user.groups.iter().any(|g| has(g))
        || password_label(user.password_state()).contains(needle)
}

fn compare(a: &User, b: &User, column: Column) -> Ordering {
    let text = |s: &Option<String>| s.as_deref().unwrap_or("").to_lowercase();
    match column {
        Column::UserName => a.user_name.to_lowercase().cmp(&b.user_name.to_lowercase()),
        Column::DisplayName => text(&a.display_name).cmp(&text(&b.display_name)),
        Column::Email => text(&a.email_address).cmp(&text(&b.email_address)),
        Column::Groups => a
            .groups
            .join(", ")
            .to_lowercase()
            .cmp(&b.groups.join(", ").to_lowercase()),
        Column::Password => a.password_state().cmp(&b.password_state()),
    }
}

/// The indices of the users that match `needle`, in the order `sort` asks
/// (file order without one; ties keep file order).
pub fn visible_rows(users: &[User], needle: &str, sort: Option<Sort>) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..users.len())
        .filter(|&i| matches(&users[i], needle))
        .collect();
    if let Some(sort) = sort {
        rows.sort_by(|&a, &b| {
            let order = compare(&users[a], &users[b], sort.column);
            if sort.descending {
                order.reverse()
            } else {
                order
            }
        });
    }
    rows
}

/// Every group of the file (declared first) with its member count.
pub fn group_rows(file: &UsersFile) -> Vec<GroupRow> {
    let mut members: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for user in &file.users {
        let mut seen = HashSet::new();
        for group in user.groups.iter().filter(|g| seen.insert(g.as_str())) {
            *members.entry(group.as_str()).or_default() += 1;
        }
    }
    let declared: HashSet<&str> = file.groups.iter().map(String::as_str).collect();
    file.all_groups()
        .into_iter()
        .map(|name| GroupRow {
            members: members.get(name.as_str()).copied().unwrap_or(0),
            declared: declared.contains(name.as_str()),
            name,
        })
        .collect()
}
