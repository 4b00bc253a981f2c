//! The background job: a run of password hashing, its progress, and the
//! user's wish to cancel it. At most one runs at a time; while one does,
//! the file is not edited by anything else (see [`Document::apply`]).
//!
//! [`Document::apply`]: super::Document::apply

use leptos::prelude::*;

/// How far a run of password hashing has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashProgress {
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
}

/// The hashing job's state, shared through context.
#[derive(Clone, Copy)]
pub struct HashJob(RwSignal<Option<HashProgress>>);

impl HashJob {
    pub fn new() -> Self {
        HashJob(RwSignal::new(None))
    }

    /// The job of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// Whether passwords are being hashed (tracked).
    pub fn busy(&self) -> bool {
        self.0.with(Option::is_some)
    }

    /// Whether passwords are being hashed, without tracking.
    pub fn busy_untracked(&self) -> bool {
        self.0.with_untracked(Option::is_some)
    }

    /// The progress of the run (tracked); `None` when none runs.
    pub fn progress(&self) -> Option<HashProgress> {
        self.0.get()
    }

    /// Asks the run to stop after the slice it is in.
    pub fn cancel(&self) {
        self.0.update(|p| {
            if let Some(p) = p {
                p.cancelled = true;
            }
        });
    }

    /// Whether the run was asked to stop (or is gone).
    pub(crate) fn cancelled(&self) -> bool {
        self.0.with_untracked(|p| p.is_none_or(|p| p.cancelled))
    }

    /// Starts a run of `total` hashes; `false` when one runs already.
    pub(crate) fn start(&self, total: usize) -> bool {
        if self.busy_untracked() {
            return false;
        }
        self.0.set(Some(HashProgress {
            done: 0,
            total,
            cancelled: false,
        }));
        true
    }

    pub(crate) fn advance(&self, done: usize) {
        self.0.update(|p| {
            if let Some(p) = p {
                p.done = done;
            }
        });
    }

    pub(crate) fn finish(&self) {
        self.0.set(None);
    }
}

impl Default for HashJob {
    fn default() -> Self {
        Self::new()
    }
}
