//! ProGet's names: how user and group names are matched, and one index of a
//! file's users by name, built once per operation.
//!
//! ProGet compares user names without regard to letter case: `jDoe` and
//! `JDOE` are one account, and an import of `JDOE` updates `jDoe`. Every
//! module that looks a user up by name does it here, through [`fold`] and a
//! [`UserIndex`], so they all agree:
//!
//! - [`UserIndex::exact`]: the first user spelled exactly so (edits name
//!   users exactly, as the page and the command line list them);
//! - [`UserIndex::find`]: ProGet's matching. The user spelled exactly so,
//!   else the first user, in file order, whose name differs only in letter
//!   case. A file that holds two names differing only in case (which
//!   [`validate`](crate::validate) flags, as ProGet would see one account)
//!   thus resolves the same way everywhere: the exact spelling wins, then
//!   the earlier entry.
//!
//! Building an index costs one pass over the users (no allocation for a
//! name without upper-case letters); each lookup after that is a hash
//! lookup, so a bulk edit of 50,000 users is linear, not 50,000 scans.
//!
//! Group names are matched without regard to case too when groups are
//! taken from elsewhere (a CSV, another export): [`GroupNames`] maps them to
//! the spelling the file already uses and collects the ones to declare.
//!
//! ```
//! use proget_users_core::{model::{User, UsersFile}, names::{fold, UserIndex}};
//! let mut file = UsersFile::new();
//! for name in ["jDoe", "asmith", "JDOE"] {
//!     file.users.push(User::new(name));
//! }
//! let index = UserIndex::new(&file.users);
//! assert_eq!(index.exact("JDOE"), Some(2));
//! assert_eq!(index.find("JDOE"), Some(2)); // the exact spelling first
//! assert_eq!(index.find("jdoe"), Some(0)); // else the first alike
//! assert_eq!(index.exact("jdoe"), None);
//! assert_eq!(fold("JDoe"), "jdoe");
//! ```

use crate::model::{User, UsersFile};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The form of a name that ProGet compares: lower case (Unicode's
/// `to_lowercase`). Borrowed, without allocating, when the name has no
/// upper-case letter.
pub fn fold(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        }
    } else {
        let lower = name.to_lowercase();
        if lower == name {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(lower)
        }
    }
}

/// Whether ProGet takes two user (or group) names for the same one.
pub fn alike(a: &str, b: &str) -> bool {
    a == b || fold(a) == fold(b)
}

/// The users of a file by name; see the [module docs](self).
///
/// It borrows the users: build it, look up the indices an operation needs,
/// drop it, then change the file.
#[derive(Clone, Debug, Default)]
pub struct UserIndex<'a> {
    users: &'a [User],
    /// The first user of each exact name.
    exact: HashMap<&'a str, usize>,
    /// The first user of each folded name: built at the first lookup that
    /// needs it, so operations that name users exactly (bulk edits) never
    /// fold 50,000 names.
    folded: OnceLock<HashMap<Cow<'a, str>, usize>>,
}

impl<'a> UserIndex<'a> {
    /// Indexes `users` (one pass).
    pub fn new(users: &'a [User]) -> Self {
        let mut exact = HashMap::with_capacity(users.len());
        for (i, user) in users.iter().enumerate() {
            exact.entry(user.user_name.as_str()).or_insert(i);
        }
        UserIndex {
            users,
            exact,
            folded: OnceLock::new(),
        }
    }

    /// Indexes the users of `file`.
    pub fn of(file: &'a UsersFile) -> Self {
        UserIndex::new(&file.users)
    }

    /// The first user named exactly `name`.
    pub fn exact(&self, name: &str) -> Option<usize> {
        self.exact.get(name).copied()
    }

    /// The first user, in file order, whose name differs from `name` in
    /// letter case at most.
    pub fn alike(&self, name: &str) -> Option<usize> {
        self.folded().get(fold(name).as_ref()).copied()
    }

    /// ProGet's matching: the user named exactly `name`, else the first
    /// whose name differs only in letter case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.exact(name).or_else(|| self.alike(name))
    }

    fn folded(&self) -> &HashMap<Cow<'a, str>, usize> {
        self.folded.get_or_init(|| {
            let mut folded = HashMap::with_capacity(self.users.len());
            for (i, user) in self.users.iter().enumerate() {
                folded.entry(fold(&user.user_name)).or_insert(i);
            }
            folded
        })
    }

    /// How many distinct names (ignoring letter case) the users have.
    pub fn distinct(&self) -> usize {
        self.folded().len()
    }
}

/// Where a user's name was first used in its file: the first user of the
/// same exact name, and the first whose name differs in letter case at
/// most (either may be the user itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstOfName {
    pub exact: usize,
    pub alike: usize,
}

/// [`FirstOfName`] for every user, in order: one pass that hashes each
/// name once as it is and once folded, with no lookups after it. What
/// checking every user for a repeated name needs.
///
/// ```
/// use proget_users_core::{model::User, names::{first_of_each_name, FirstOfName}};
/// let users: Vec<User> = ["jDoe", "kim", "JDOE", "kim"].into_iter().map(User::new).collect();
/// let firsts = first_of_each_name(&users);
/// assert_eq!(firsts[2], FirstOfName { exact: 2, alike: 0 });
/// assert_eq!(firsts[3], FirstOfName { exact: 1, alike: 1 });
/// ```
pub fn first_of_each_name(users: &[User]) -> Vec<FirstOfName> {
    let mut exact: HashMap<&str, usize> = HashMap::with_capacity(users.len());
    let mut folded: HashMap<Cow<'_, str>, usize> = HashMap::with_capacity(users.len());
    users
        .iter()
        .enumerate()
        .map(|(i, user)| FirstOfName {
            exact: *exact.entry(user.user_name.as_str()).or_insert(i),
            alike: *folded.entry(fold(&user.user_name)).or_insert(i),
        })
        .collect()
}

/// ProGet's matching over names in order: the position of the one spelled
/// exactly `name`, else of the first whose spelling differs only in letter
/// case. One pass, for a single lookup; build a [`UserIndex`] for many.
///
/// ```
/// use proget_users_core::names::position;
/// assert_eq!(position(["jDoe", "asmith", "JDOE"], "JDOE"), Some(2));
/// assert_eq!(position(["jDoe", "asmith", "JDOE"], "jdoe"), Some(0));
/// assert_eq!(position(["jDoe"], "kim"), None);
/// ```
pub fn position<'n>(names: impl IntoIterator<Item = &'n str>, name: &str) -> Option<usize> {
    let folded = fold(name);
    let mut first_alike = None;
    for (i, candidate) in names.into_iter().enumerate() {
        if candidate == name {
            return Some(i);
        }
        if first_alike.is_none() && fold(candidate) == folded {
            first_alike = Some(i);
        }
    }
    first_alike
}

/// ProGet's matching for a single lookup: the user of `file` named exactly
/// `name`, else the first whose name differs only in letter case. (Build a
/// [`UserIndex`] for more than one lookup.)
pub fn find_user(file: &UsersFile, name: &str) -> Option<usize> {
    position(file.users.iter().map(|u| u.user_name.as_str()), name)
}

/// The group `name` as `file` spells it, by ProGet's matching over the
/// groups it knows ([`UsersFile::all_groups`]: declared, then named by a
/// user): the one spelled exactly so, else the first that differs only in
/// letter case.
pub fn find_group(file: &UsersFile, name: &str) -> Option<String> {
    let mut groups = file.all_groups();
    let i = position(groups.iter().map(String::as_str), name)?;
    Some(groups.swap_remove(i))
}

/// Group names taken into a file from elsewhere (a CSV, another export),
/// matched without regard to letter case: a group the file knows (declared,
/// or named by a user) keeps the file's spelling; a new one keeps the first
/// spelling it comes with, and is to be declared.
#[derive(Clone, Debug, Default)]
pub struct GroupNames {
    /// Folded name to the spelling used.
    known: HashMap<String, String>,
    /// Folded names of the declared groups and of those to declare.
    declared: HashSet<String>,
    /// Groups to declare, in order of first mention.
    new: Vec<String>,
}

impl GroupNames {
    /// The groups `file` knows (one pass over its users).
    pub fn of(file: &UsersFile) -> Self {
        let mut known = HashMap::new();
        let declared = file.groups.iter().map(|g| fold(g).into_owned()).collect();
        for g in file
            .groups
            .iter()
            .chain(file.users.iter().flat_map(|u| u.groups.iter()))
        {
            known
                .entry(fold(g).into_owned())
                .or_insert_with(|| g.clone());
        }
        GroupNames {
            known,
            declared,
            new: Vec::new(),
        }
    }

    /// `groups` in the file's spelling, each once; groups the file does not
    /// declare yet are noted to be declared (see [`GroupNames::take_new`]).
    pub fn adopt(&mut self, groups: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(groups.len());
        let mut seen: HashSet<String> = HashSet::with_capacity(groups.len());
        for g in groups {
            let folded = fold(g).into_owned();
            let spelled = self
                .known
                .entry(folded.clone())
                .or_insert_with(|| g.clone())
                .clone();
            if !self.declared.contains(&folded) {
                self.declared.insert(folded.clone());
                self.new.push(spelled.clone());
            }
            if seen.insert(folded) {
                out.push(spelled);
            }
        }
        out
    }

    /// The groups to declare noted since the last call, in order of first
    /// mention.
    pub fn take_new(&mut self) -> Vec<String> {
        std::mem::take(&mut self.new)
    }
}

/// The groups in `new` but not in `old` (joined) and in `old` but not in
/// `new` (left), each in its list's order; names compared exactly. Linear
/// in the two lengths.
pub fn group_changes(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    (
        missing(new, old).cloned().collect(),
        missing(old, new).cloned().collect(),
    )
}

/// Whether `old` and `new` name the same groups, in any order (exact
/// names): what [`group_changes`] would find nothing in, without
/// allocating for short lists.
pub fn same_groups(old: &[String], new: &[String]) -> bool {
    missing(new, old).next().is_none() && missing(old, new).next().is_none()
}

/// The groups of `from` that `other` lacks: a scan for short lists, a set
/// for long ones.
fn missing<'a>(from: &'a [String], other: &'a [String]) -> impl Iterator<Item = &'a String> {
    let set: Option<HashSet<&str>> = (from.len().saturating_mul(other.len()) > 256)
        .then(|| other.iter().map(String::as_str).collect());
    from.iter().filter(move |g| match &set {
        Some(set) => !set.contains(g.as_str()),
        None => !other.contains(g),
    })
}
