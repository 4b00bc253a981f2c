//! The page's state, split by concern. Each part is a `Copy` handle of
//! signals with reads as tracked getters and changes through methods, and
//! each is provided through context on its own, so a component takes only
//! what it needs:
//!
//! - [`Document`]: the file, the file as opened, its name, whether it has
//!   unsaved work, its history, and a text that did not parse;
//! - [`Navigation`]: the screen and the tab;
//! - [`TableView`]: the users table's filter, sort, selection and scroll;
//! - [`HashJob`]: a hashing run's progress and cancellation;
//! - [`FileViews`]: the problems, the import plan and the groups, computed
//!   off the interaction path;
//! - [`Compared`]: a second file and how it differs;
//! - [`Report`]: what the last action did.
//!
//! [`Editor`] makes them all for a page (or a test) and does what spans
//! several: opening a file resets the table and shows the editor.

mod comparison;
mod deferred;
mod document;
mod job;
mod navigation;
mod status;
mod table_view;
mod views;

pub use comparison::{Compared, OtherFile};
pub use deferred::deferred;
pub use document::{Document, RawText, Refused, LARGE, NEW_FILE_NAME};
pub use job::{HashJob, HashProgress};
pub use navigation::{Navigation, Screen, Tab};
pub use status::{Report, Status};
pub use table_view::TableView;
pub use views::{Checks, FileViews, PlanView};

use crate::labels::plural;
use leptos::prelude::*;
use proget_users_core::model::UsersFile;
use proget_users_core::parse::{self, ErrorKind, ParseError};

/// ProGet's own example export, for trying the editor out.
pub const EXAMPLE: &str = proget_users_core::sample::EXAMPLE_EXPORT;

/// Every part of the page's state. Components take the parts from context;
/// this is for the few actions that span several, and for tests.
#[derive(Clone, Copy)]
pub struct Editor {
    pub document: Document,
    pub navigation: Navigation,
    pub table: TableView,
    pub job: HashJob,
    pub views: FileViews,
    pub compared: Compared,
    pub status: Report,
}

impl Editor {
    /// A new editor on the start screen, with an empty file, its parts
    /// provided through context.
    pub fn new() -> Self {
        let status = Report::new();
        let job = HashJob::new();
        let document = Document::new(status, job);
        let editor = Editor {
            document,
            navigation: Navigation::new(),
            table: TableView::new(document),
            job,
            views: FileViews::new(document, job),
            compared: Compared::new(document, job),
            status,
        };
        provide_context(editor);
        provide_context(editor.document);
        provide_context(editor.navigation);
        provide_context(editor.table);
        provide_context(editor.job);
        provide_context(editor.views);
        provide_context(editor.compared);
        provide_context(editor.status);
        editor
    }

    /// The editor of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// Opens a file's bytes: into the editor when they parse, otherwise into
    /// the raw view with every diagnostic. Returns whether it parsed.
    /// The bytes are read where they are, not copied (a directory's file is
    /// 14 MB), and given back for the raw view when they do not parse.
    pub fn open_bytes(&self, name: Option<String>, bytes: Vec<u8>) -> bool {
        match parse::parse_or_give_back(bytes) {
            Ok(parsed) => {
                self.load(name, parsed.file);
                true
            }
            Err(not_read) => {
                let text = String::from_utf8_lossy(&not_read.bytes);
                self.show_raw(name, &text, not_read.error);
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

    /// Opens the raw view's text again: a text the user fixed opens as
    /// unsaved work (it is not the file on disk).
    pub fn reopen_raw(&self) -> bool {
        let Some((name, text, fixed)) = self.document.raw_text_now() else {
            return false;
        };
        let opened = self.open_text(name, &text);
        if opened && fixed {
            self.document.mark_unsaved();
        }
        opened
    }

    /// Starts a new, empty file.
    pub fn new_file(&self) {
        self.load(None, UsersFile::new());
        self.status.info("Started a new file");
    }

    /// Opens ProGet's example export.
    pub fn open_example(&self) {
        self.open_text(Some("example-export.json".into()), EXAMPLE);
    }

    /// Refuses a file too large to read, before reading it.
    pub fn refuse_too_large(&self, name: &str, len: usize) {
        let why = ErrorKind::TooLarge { len };
        self.status.error(format!("{name}: {why}"));
    }

    /// Shows a user in the table: the users tab, scrolled to it, and with
    /// `select` the only user selected.
    pub fn reveal_user(&self, index: usize, select: bool) {
        self.navigation.open_tab(Tab::Users);
        self.table.reveal(index, select);
    }

    fn load(&self, name: Option<String>, file: UsersFile) {
        let summary = format!(
            "{}: {}, {}",
            name.as_deref().unwrap_or("Opened"),
            plural(file.users.len(), "user", "users"),
            plural(file.all_groups().len(), "group", "groups")
        );
        self.document.load(name, file);
        self.table.reset();
        self.navigation.show_opened();
        self.status.info(summary);
    }

    fn show_raw(&self, name: Option<String>, text: &str, error: ParseError) {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let first = error.first().to_string();
        let label = name.as_deref().unwrap_or("The text").to_owned();
        self.document.keep_raw(RawText {
            name,
            text: text.to_owned(),
            bom,
            diagnostics: error.diagnostics,
        });
        self.navigation.show(Screen::Raw);
        self.status
            .error(format!("{label} could not be read: {first}"));
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}
