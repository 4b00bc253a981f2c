//! The status line's state: what the last action did, or why it failed.

use leptos::prelude::*;

/// The status line: the last change, or why something failed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    Empty,
    Info(String),
    Error(String),
}

/// The report in the status line, shared through context; everything that reports to the
/// user writes here.
#[derive(Clone, Copy)]
pub struct Report(RwSignal<Status>);

impl Report {
    pub fn new() -> Self {
        Report(RwSignal::new(Status::Empty))
    }

    /// The status line of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// What the line says (tracked).
    pub fn status(&self) -> Status {
        self.0.get()
    }

    /// What the line says, without tracking.
    pub fn status_untracked(&self) -> Status {
        self.0.get_untracked()
    }

    /// Reports what an action did.
    pub fn info(&self, text: impl Into<String>) {
        self.0.set(Status::Info(text.into()));
    }

    /// Reports why an action failed.
    pub fn error(&self, text: impl Into<String>) {
        self.0.set(Status::Error(text.into()));
    }
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}
