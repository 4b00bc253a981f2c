//! The document: the file being edited, the file as it was opened (the
//! server's state, for the import plan), its name, whether it has changes
//! not yet downloaded, and its undo history. A text that did not parse is
//! kept here too, while the raw view shows it.
//!
//! Every change goes through a method: [`Document::apply`] for an edit (one
//! undo step), [`Document::undo`] and [`Document::redo`], and a hashing run
//! ([`Document::begin_run`], [`Document::run_slice`], [`Document::end_run`])
//! that is one undo step however many slices it takes.
//!
//! Reading is tracked at three grains, so that a view redoes only what a
//! change concerns: [`Document::user`] follows one user (a table row),
//! [`Document::users_len`] the shape of the list, [`Document::read`] any
//! change at all. The slices of a hashing run wake only the rows they
//! changed; the whole-file views wake once, when the run ends.

use crate::labels::sentence;
use crate::state::{HashJob, Report};
use foldhash::{HashMap, HashMapExt};
use leptos::prelude::*;
use proget_users_core::history::History;
use proget_users_core::model::{User, UsersFile};
use proget_users_core::parse::Diagnostic;
use std::fmt;
use std::sync::Arc;

/// From how many users a file is large: its whole-file views are computed
/// after the paint, off the interaction path.
pub const LARGE: usize = 2_000;

/// The file name a new file is downloaded as.
pub const NEW_FILE_NAME: &str = "users-and-groups.json";

/// A text that did not parse, kept whole so the user can fix it in place.
#[derive(Clone, Debug, PartialEq)]
pub struct RawText {
    /// The name of the file it came from (`None` when pasted).
    pub name: Option<String>,
    /// The text as it was given, without a byte order mark (positions
    /// count after it).
    pub text: String,
    /// Whether a UTF-8 byte order mark led the text.
    pub bom: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an edit did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused<E> {
    /// Passwords are being hashed; the file waits for the run to end.
    Busy,
    /// The edit itself refused (the file is unchanged).
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for Refused<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Busy => f.write_str(
                "passwords are being hashed; wait for the run to end, or cancel it, then try again",
            ),
            Refused::Failed(e) => e.fmt(f),
        }
    }
}

/// The document, shared through context; `Copy`, so it moves into closures.
#[derive(Clone, Copy)]
pub struct Document {
    file: StoredValue<Arc<UsersFile>>,
    /// The file as it was opened: a copy of its own, so that `file` is
    /// changed in place (the first edit or hashing run of a 50,000-user
    /// file does not copy it whole in the click's task).
    opened: StoredValue<Arc<UsersFile>>,
    /// Whether the file was changed since it was opened.
    touched: StoredValue<bool>,
    /// Bumped when users are added or removed (or a file is opened).
    shape: RwSignal<u64>,
    /// Bumped on every change, once per hashing run.
    content: RwSignal<u64>,
    /// The rows that read one user, by index, to wake when it changes.
    rows: StoredValue<HashMap<usize, ArcTrigger>>,
    name: RwSignal<Option<String>>,
    /// Changes not yet downloaded.
    dirty: RwSignal<bool>,
    history: RwSignal<History>,
    /// While a hashing run goes on, the users it changes, as they were.
    run: StoredValue<Option<Vec<(usize, User)>>>,
    raw: RwSignal<Option<RawText>>,
    /// The raw view's text as the user has fixed it, when it differs.
    raw_fixed: RwSignal<Option<String>>,
    status: Report,
    job: HashJob,
}

impl Document {
    /// An empty document reporting to `status`; it refuses edits while
    /// `job` runs.
    pub fn new(status: Report, job: HashJob) -> Self {
        let empty = Arc::new(UsersFile::new());
        Document {
            file: StoredValue::new(empty.clone()),
            opened: StoredValue::new(empty),
            touched: StoredValue::new(false),
            shape: RwSignal::new(0),
            content: RwSignal::new(0),
            rows: StoredValue::new(HashMap::new()),
            name: RwSignal::new(None),
            dirty: RwSignal::new(false),
            history: RwSignal::new(History::new()),
            run: StoredValue::new(None),
            raw: RwSignal::new(None),
            raw_fixed: RwSignal::new(None),
            status,
            job,
        }
    }

    /// The document of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    // Reading.

    /// Reads the file; tracked: runs again after any change.
    pub fn read<R>(&self, f: impl FnOnce(&UsersFile) -> R) -> R {
        self.content.track();
        self.read_untracked(f)
    }

    /// Reads the file without tracking (for event handlers).
    pub fn read_untracked<R>(&self, f: impl FnOnce(&UsersFile) -> R) -> R {
        self.file.with_value(|file| f(file))
    }

    /// Reads the file as it was opened, without tracking.
    pub fn read_opened<R>(&self, f: impl FnOnce(&UsersFile) -> R) -> R {
        self.opened.with_value(|file| f(file))
    }

    /// Whether the file is large enough that whole-file work waits for the
    /// paint (not tracked).
    pub fn is_large(&self) -> bool {
        self.file.with_value(|file| file.users.len() >= LARGE)
    }

    /// Whether the file is as it was opened: no edit, undo or hashed
    /// password since (not tracked).
    pub fn untouched(&self) -> bool {
        !self.touched.get_value()
    }

    /// Reads one user; tracked on that user alone (and on changes that
    /// move users). `None` when there is no user at `index`.
    pub fn user<R>(&self, index: usize, f: impl FnOnce(&User) -> R) -> Option<R> {
        let trigger = self
            .rows
            .try_update_value(|rows| rows.entry(index).or_default().clone());
        if let Some(trigger) = trigger {
            trigger.track();
        }
        self.file.with_value(|file| file.users.get(index).map(f))
    }

    /// The number of users; tracked on users added or removed.
    pub fn users_len(&self) -> usize {
        self.shape.track();
        self.file.with_value(|file| file.users.len())
    }

    /// Tracks changes that add or remove users.
    pub fn track_shape(&self) {
        self.shape.track();
    }

    /// How many changes have added or removed users (not tracked).
    pub fn shape_version(&self) -> u64 {
        self.shape.get_untracked()
    }

    /// Tracks every change.
    pub fn track_content(&self) {
        self.content.track();
    }

    /// The opened file's name; `None` for a new or pasted file.
    pub fn name(&self) -> Option<String> {
        self.name.get()
    }

    /// The name to download the file as.
    pub fn download_name(&self) -> String {
        self.name
            .get_untracked()
            .unwrap_or_else(|| NEW_FILE_NAME.to_owned())
    }

    /// Whether there is work not yet downloaded: changes to the file, or
    /// fixes typed into the raw view (tracked).
    pub fn unsaved(&self) -> bool {
        self.dirty.get() || self.raw_fixed.with(Option::is_some)
    }

    /// [`Document::unsaved`] without tracking.
    pub fn unsaved_untracked(&self) -> bool {
        self.dirty.get_untracked() || self.raw_fixed.with_untracked(Option::is_some)
    }

    /// The undo step's label, if there is one (tracked).
    pub fn undo_label(&self) -> Option<String> {
        self.history.with(|h| h.undo_label().map(str::to_owned))
    }

    /// The redo step's label, if there is one (tracked).
    pub fn redo_label(&self) -> Option<String> {
        self.history.with(|h| h.redo_label().map(str::to_owned))
    }

    /// How many undo steps there are (not tracked; for tests).
    pub fn undo_len(&self) -> usize {
        self.history.with_untracked(History::undo_len)
    }

    /// The text the raw view shows (tracked).
    pub fn raw(&self) -> Option<RawText> {
        self.raw.get()
    }

    /// Reads the raw text without tracking.
    pub fn raw_untracked<R>(&self, f: impl FnOnce(Option<&RawText>) -> R) -> R {
        self.raw.with_untracked(|r| f(r.as_ref()))
    }

    // Changing.

    /// Runs one edit of the file: the one place every change passes
    /// through. On success the status line shows the change, the file is
    /// marked as changed and the edit becomes one undo step; on failure the
    /// file is unchanged and the status shows `label` and the error. While
    /// passwords are being hashed, every edit is refused, saying so: it
    /// would otherwise land in the run's undo step.
    pub fn apply<T: fmt::Display, E: fmt::Display>(
        &self,
        label: &str,
        edit: impl FnOnce(&mut UsersFile) -> Result<T, E>,
    ) -> Result<T, Refused<E>> {
        if self.job.busy_untracked() || self.run.with_value(Option::is_some) {
            self.status
                .error(format!("{label}: {}", Refused::<E>::Busy));
            return Err(Refused::Busy);
        }
        let before = self.file.with_value(Arc::clone);
        let mut file = Arc::clone(&before);
        let result = edit(Arc::make_mut(&mut file));
        match result {
            Ok(done) => {
                let reshaped = before.users.len() != file.users.len();
                let label = done.to_string();
                self.history.update(|h| {
                    h.record(label.clone(), &before, &file);
                });
                drop(before);
                self.file.set_value(file);
                self.touched.set_value(true);
                self.dirty.set(true);
                self.changed(reshaped);
                self.status.info(sentence(&label));
                Ok(done)
            }
            Err(e) => {
                self.status.error(format!("{label}: {e}"));
                Err(Refused::Failed(e))
            }
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
        let possible = self
            .history
            .with_untracked(|h| if undo { h.can_undo() } else { h.can_redo() });
        if self.job.busy_untracked() || !possible {
            return;
        }
        let before = self.file.with_value(|f| f.users.len());
        let mut label = None;
        self.file.update_value(|file| {
            let file = Arc::make_mut(file);
            self.history.update(|h| {
                label = if undo { h.undo(file) } else { h.redo(file) };
            });
        });
        if let Some(label) = label {
            let after = self.file.with_value(|f| f.users.len());
            self.touched.set_value(true);
            self.dirty.set(true);
            self.changed(before != after);
            let verb = if undo { "Undid" } else { "Redid" };
            self.status.info(format!("{verb}: {label}"));
        }
    }

    /// Starts a hashing run: the slices that follow change the file in
    /// place, without undo steps of their own, and [`Document::end_run`]
    /// records them as one. Nothing is copied: each slice keeps the users
    /// it is about to change.
    pub fn begin_run(&self) {
        self.run.set_value(Some(Vec::new()));
    }

    /// Changes the file during a run: `slice` may change the users at
    /// `users` (kept first, as they are, for the undo step) and returns
    /// the indices of those it changed, whose rows alone are woken.
    pub fn run_slice(&self, users: &[usize], slice: impl FnOnce(&mut UsersFile) -> Vec<usize>) {
        self.file.with_value(|file| {
            self.run.update_value(|run| {
                if let Some(kept) = run {
                    kept.extend(
                        users
                            .iter()
                            .filter_map(|&i| Some((i, file.users.get(i)?.clone()))),
                    );
                }
            });
        });
        let changed = self
            .file
            .try_update_value(|file| slice(Arc::make_mut(file)))
            .unwrap_or_default();
        if changed.is_empty() {
            return;
        }
        self.touched.set_value(true);
        if !self.dirty.get_untracked() {
            self.dirty.set(true);
        }
        self.rows.with_value(|rows| {
            for i in &changed {
                if let Some(trigger) = rows.get(i) {
                    trigger.notify();
                }
            }
        });
    }

    /// Ends the run [`Document::begin_run`] started, recording what it
    /// changed as one undo step named `label`.
    pub fn end_run(&self, label: &str) {
        let Some(before) = self.run.try_update_value(Option::take).flatten() else {
            return;
        };
        self.file.with_value(|after| {
            self.history.update(|h| {
                h.record_users(label, before, after);
            });
        });
        self.changed(false);
    }

    /// Marks the file as downloaded.
    pub fn mark_saved(&self) {
        self.dirty.set(false);
    }

    /// Puts a file in the document, as opened: no history, nothing unsaved.
    pub(crate) fn load(&self, name: Option<String>, file: UsersFile) {
        self.opened.set_value(Arc::new(file.clone()));
        self.file.set_value(Arc::new(file));
        self.touched.set_value(false);
        self.history.update(History::clear);
        self.run.set_value(None);
        self.name.set(name);
        self.dirty.set(false);
        self.raw.set(None);
        self.raw_fixed.set(None);
        self.changed(true);
    }

    /// Marks the file just loaded as holding work not yet downloaded (it
    /// came from fixes typed into the raw view).
    pub(crate) fn mark_unsaved(&self) {
        self.dirty.set(true);
    }

    /// Keeps a text that did not parse, for the raw view.
    pub(crate) fn keep_raw(&self, raw: RawText) {
        self.raw_fixed.set(None);
        self.raw.set(Some(raw));
    }

    /// Notes the raw view's text as the user has typed it: work not yet
    /// downloaded, unless it is the text as given.
    pub fn fix_raw(&self, text: String) {
        let fixed = self
            .raw
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.text != text));
        let fixed = fixed.then_some(text);
        if self
            .raw_fixed
            .with_untracked(|f| f.is_some() != fixed.is_some())
        {
            self.raw_fixed.set(fixed);
        } else {
            self.raw_fixed.update_untracked(|f| *f = fixed);
        }
    }

    /// The raw view's text as it is now (fixed or as given), with its byte
    /// order mark, and whether the user changed it.
    pub fn raw_text_now(&self) -> Option<(Option<String>, String, bool)> {
        let fixed = self.raw_fixed.get_untracked();
        self.raw.with_untracked(|r| {
            r.as_ref().map(|r| {
                let edited = fixed.is_some();
                let text = fixed.unwrap_or_else(|| r.text.clone());
                let text = if r.bom {
                    format!("\u{feff}{text}")
                } else {
                    text
                };
                (r.name.clone(), text, edited)
            })
        })
    }

    /// Wakes what depends on the file: the rows in view, the list's shape
    /// when `reshaped`, and the whole-file views.
    fn changed(&self, reshaped: bool) {
        self.rows.update_value(|rows| {
            for trigger in rows.values() {
                trigger.notify();
            }
            rows.clear();
        });
        if reshaped {
            self.shape.update(|n| *n += 1);
        }
        self.content.update(|n| *n += 1);
    }
}
