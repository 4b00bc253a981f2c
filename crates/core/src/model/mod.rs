//! The users-and-groups file: users, groups, and everything else, in order.
//!
//! ProGet's fields are typed ([`User::user_name`], [`User::groups`], ...);
//! fields we do not know are kept as their JSON text ([`RawJson`]) in their
//! place, so a file that is read and written back is the same JSON, key order
//! and number spellings included. The key order lives in a private list that
//! the setters keep right: a field set for the first time goes where ProGet's
//! own export puts it.
//!
//! A file read from text also keeps that text, shared by every clone rather
//! than copied, with where each user stood in it: writing copies every part
//! that did not change, so a file comes back in its own layout (see
//! [`crate::write`]). Equality looks only at the content, never at where it
//! came from.
//!
//! The parts:
//! - `file`: the whole file ([`UsersFile`]): its users, its declared groups
//!   and its other root fields, in order;
//! - `user`: one user ([`User`]), its fields and the setters that keep
//!   ProGet's keys in their places;
//! - `keys`: the keys ProGet defines on a user ([`Key`]), and the order a
//!   user's keys are written in;
//! - `raw`: a JSON value we do not know, kept as its text ([`RawJson`]);
//! - `style`: how the text was laid out ([`TextStyle`]);
//! - `original`: the text a file was read from, and where each part stood.

mod file;
mod keys;
mod original;
mod raw;
mod style;
mod user;

pub(crate) use file::RootField;
pub use file::UsersFile;
pub use keys::Key;
pub(crate) use keys::{FieldRef, UserField};
pub(crate) use original::{Member, Origin, Original, Span};
pub use raw::RawJson;
pub(crate) use raw::{compact_text, without_space};
pub use style::{Indent, LineEnd, TextStyle};
pub use user::{PasswordState, User};
