//! The comparison with a second file (say, another ProGet instance's
//! export): the file itself and how it differs from the document,
//! computed once per change for every reader.

use crate::state::deferred::deferred;
use crate::state::{Document, HashJob, LARGE};
use leptos::prelude::*;
use proget_users_core::merge::{self, Comparison};
use proget_users_core::model::UsersFile;
use proget_users_core::parse;
use std::sync::Arc;

/// The second file of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherFile {
    /// Its name, or `None` when pasted.
    pub name: Option<String>,
    pub file: Arc<UsersFile>,
}

impl OtherFile {
    /// Reads a second file; the error names the first problem.
    pub fn read(name: Option<String>, bytes: &[u8]) -> Result<OtherFile, String> {
        match parse::parse(bytes) {
            Ok(parsed) => Ok(OtherFile {
                name,
                file: Arc::new(parsed.file),
            }),
            Err(e) => Err(format!(
                "{} could not be read: {}",
                name.as_deref().unwrap_or("The pasted text"),
                e.first()
            )),
        }
    }

    /// The name to show for it.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| "the pasted file".to_owned())
    }
}

/// The comparison, shared through context.
#[derive(Clone, Copy)]
pub struct Compared {
    other: RwSignal<Option<OtherFile>>,
    result: ReadSignal<Option<Arc<Comparison>>>,
}

impl Compared {
    pub fn new(document: Document, job: HashJob) -> Self {
        let other = RwSignal::new(None::<OtherFile>);
        let result = deferred(
            job,
            None,
            move || {
                document.track_content();
                other.track();
            },
            move || {
                document.is_large()
                    || other
                        .with_untracked(|o| o.as_ref().is_some_and(|o| o.file.users.len() >= LARGE))
            },
            move || {
                other.with_untracked(|o| {
                    o.as_ref()
                        .map(|o| Arc::new(document.read_untracked(|f| merge::compare(f, &o.file))))
                })
            },
        );
        Compared { other, result }
    }

    /// The comparison of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// Whether a second file is open (tracked).
    pub fn is_open(&self) -> bool {
        self.other.with(Option::is_some)
    }

    /// The second file's name to show (tracked).
    pub fn label(&self) -> String {
        self.other
            .with(|o| o.as_ref().map(OtherFile::label).unwrap_or_default())
    }

    /// The second file (not tracked).
    pub fn other_untracked(&self) -> Option<Arc<UsersFile>> {
        self.other
            .with_untracked(|o| o.as_ref().map(|o| Arc::clone(&o.file)))
    }

    /// Tracks the second file.
    pub fn track_other(&self) {
        self.other.track();
    }

    /// How the files differ, once computed (tracked).
    pub fn result(&self) -> Option<Arc<Comparison>> {
        self.result.get()
    }

    /// How many users differ: only here, only there, or in both but
    /// different (tracked).
    pub fn differences(&self) -> usize {
        self.result.with(|c| {
            c.as_ref().map_or(0, |c| {
                c.only_ours.len() + c.only_theirs.len() + c.conflicts.len()
            })
        })
    }

    pub fn open(&self, other: OtherFile) {
        self.other.set(Some(other));
    }

    pub fn close(&self) {
        self.other.set(None);
    }
}
