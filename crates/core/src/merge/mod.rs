//! Comparing two files (say, exports of two ProGet instances) and taking
//! users and groups from one ("theirs") into the other ("ours").
//!
//! [`compare`](fn@compare) sorts the users into those only one side has, those both have
//! alike, and conflicts: the same user with different fields, each
//! [`FieldDiff`] holding both values for a side-by-side view. The
//! `take_*` functions then copy from theirs into ours, one user or group at
//! a time or everything missing at once, and report what they changed. (For
//! what importing one file over the other would do, see [`crate::plan`].)
//!
//! Users and groups are matched ignoring letter case, as ProGet's names are
//! not case-sensitive ([`crate::names`]: the exact spelling first, then the
//! first alike); ours keeps its spelling unless the user name is taken from
//! theirs, and a group taken from theirs that ours knows in another case is
//! written ours' way. Each file is indexed once per operation, so
//! comparing and taking everything missing are linear in the two files.
//!
//! The parts: `compare` finds the differences ([`compare`](fn@compare),
//! [`Comparison`]), `take` copies from theirs into ours ([`take_user`],
//! [`take_group`], [`take_all_missing`], [`take_all`]).
//!
//! ```
//! use proget_users_core::{merge::{self, Field, Resolution}, parse::parse};
//! let mut ours = parse(br#"{"users":[{"userName":"a","emailAddress":"a@old.example"}],"groups":[]}"#).unwrap().file;
//! let theirs = parse(br#"{"users":[{"userName":"A","emailAddress":"a@new.example"},{"userName":"b","groups":["g"]}],"groups":["g"]}"#).unwrap().file;
//! let cmp = merge::compare(&ours, &theirs);
//! assert_eq!(cmp.only_theirs, ["b"]);
//! assert_eq!(cmp.conflicts[0].fields[1].field, Field::Email);
//! assert_eq!(cmp.conflicts[0].fields[1].theirs.as_deref(), Some("a@new.example"));
//! let taken = merge::take_user(&mut ours, theirs.user("A").unwrap(), &Resolution::PerField(vec![Field::Email])).unwrap();
//! assert_eq!(taken.to_string(), "took the email of a");
//! assert_eq!(ours.users[0].user_name, "a");
//! assert_eq!(ours.users[0].email_address.as_deref(), Some("a@new.example"));
//! let taken = merge::take_all_missing(&mut ours, &theirs);
//! assert_eq!(taken.to_string(), "added user b, declared group g");
//! assert!(merge::compare(&ours, &theirs).conflicts.len() == 1); // the letter case of a's name
//! ```

mod compare;
mod take;

pub use compare::{compare, diff_user, find_user, Comparison, Conflict, Field, FieldDiff};
pub use take::{
    take_all, take_all_missing, take_group, take_user, MergeError, Resolution, Side, Taken,
    UserTaken,
};
