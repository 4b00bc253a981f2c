//! The text a file was read from, and where its root, its members and each
//! user stood in it: writing copies every part that did not change.

use super::TextStyle;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};

/// The text a file was read from (without its byte order mark), and where
/// its parts stood: writing copies every part that did not change from here.
pub(crate) struct Original {
    /// Which reading this was, to tell its users from those of another file.
    pub id: u32,
    pub text: String,
    /// The style found when reading: the text is copied only while the
    /// file's style is still this one.
    pub style: TextStyle,
    /// The root object, braces included.
    pub root: Span,
    /// The root's members, in text order.
    pub members: Vec<Member>,
    /// Each user object, by its index in the `users` array.
    pub users: Vec<Span>,
}

impl fmt::Debug for Original {
    /// A summary: the text can be tens of megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Original")
            .field("id", &self.id)
            .field("bytes", &self.text.len())
            .field("members", &self.members.len())
            .field("users", &self.users.len())
            .finish_non_exhaustive()
    }
}

impl Original {
    /// A number no other reading in this process has.
    pub fn next_id() -> u32 {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }
}

/// A byte range of the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        // The input is at most 64 MiB, so offsets fit in 32 bits.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

/// An object member in the original text: its key (decoded), where the key
/// began, and its value.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub key: String,
    pub key_at: u32,
    pub value: Span,
}

/// Where a user was read from: which reading, and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub file: u32,
    pub index: u32,
}
