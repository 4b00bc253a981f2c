//! What importing a file would change: the dry run of ProGet's import.
//!
//! Given the users and groups on the server (as an earlier export shows
//! them) and the file to import, [`plan`] lists the users and groups added,
//! the users updated (field by field) and, with *delete missing users and
//! groups*, those removed. Users are matched by `userName` without regard
//! to letter case, as ProGet's user names are not case-sensitive.
//!
//! Per user, the import's `displayName` and `emailAddress` replace the
//! server's (a missing one means none, as ProGet's export omits an empty
//! email); its `groups` replace the server's memberships; a plaintext
//! `password`, or a `passwordBytes`/`saltBytes` pair that differs, changes
//! the password, and a user with neither keeps the password it has.
//!
//! The plan is built from parts that each cost what they cover, so a view
//! can recompute only what an edit touched: [`user_update`] is one user's
//! update (it allocates only when something changes), [`groups_added`] and
//! [`groups_removed`] are the file-wide group lists, and users are paired by
//! a [`UserIndex`] of each file, built once. After an edit of a few users,
//! redo `user_update` for those users (and, for a rename, for the users
//! whose names fold like the old or new name).
//!
//! ```
//! use proget_users_core::{parse::parse, plan::{plan, PlanOptions}};
//! let server = parse(br#"{"users":[{"userName":"a","groups":["x"]}],"groups":["x"]}"#).unwrap().file;
//! let import = parse(br#"{"users":[{"userName":"a","groups":["y"]},{"userName":"b"}],"groups":["y"]}"#).unwrap().file;
//! let plan = plan(&server, &import, PlanOptions { delete_missing: true });
//! assert_eq!(plan.to_string(), "add-group \"y\"\nadd-user \"b\"\nupdate-user \"a\" join-group \"y\"\nupdate-user \"a\" leave-group \"x\"\nremove-group \"x\"\n");
//! ```

use crate::model::{User, UsersFile};
use crate::names::{self, UserIndex};
use crate::report::{self, Report};
use crate::text::quoted;
use std::collections::HashSet;
use std::fmt;

/// The import's options that change what it does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// ProGet's *Delete missing users and groups*.
    pub delete_missing: bool,
}

/// Everything an import would change, in a stable order: groups added, users
/// added, users updated, users removed, groups removed; each in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub groups_added: Vec<String>,
    pub users_added: Vec<String>,
    pub users_updated: Vec<UserUpdate>,
    pub users_removed: Vec<String>,
    pub groups_removed: Vec<String>,
}

/// How one existing user would change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserUpdate {
    /// The name as the server has it.
    pub user_name: String,
    /// A new letter case of the name, from the imported file.
    pub renamed_to: Option<String>,
    pub display_name: Option<(Option<String>, Option<String>)>,
    pub email: Option<(Option<String>, Option<String>)>,
    pub groups_joined: Vec<String>,
    pub groups_left: Vec<String>,
    pub password_changed: bool,
}

impl ImportPlan {
    /// Whether the import would change nothing.
    pub fn is_empty(&self) -> bool {
        self.groups_added.is_empty()
            && self.users_added.is_empty()
            && self.users_updated.is_empty()
            && self.users_removed.is_empty()
            && self.groups_removed.is_empty()
    }

    /// The number of changes: the lines of [`ImportPlan::lines`], counted
    /// without formatting them.
    pub fn len(&self) -> usize {
        report::count(self)
    }

    /// One change a line, for people and scripts: a verb, the quoted name,
    /// then what changes. Names and values are JSON strings, with every
    /// control character escaped (see [`crate::text::quoted`]).
    pub fn lines(&self) -> Vec<String> {
        report::lines(self)
    }
}

impl Report for ImportPlan {
    fn each_line(&self, line: &mut dyn FnMut(fmt::Arguments<'_>) -> fmt::Result) -> fmt::Result {
        for g in &self.groups_added {
            line(format_args!("add-group {}", quoted(g)))?;
        }
        for u in &self.users_added {
            line(format_args!("add-user {}", quoted(u)))?;
        }
        for u in &self.users_updated {
            let head = quoted(&u.user_name);
            if let Some(to) = &u.renamed_to {
                line(format_args!(
                    "update-user {head} user-name -> {}",
                    quoted(to)
                ))?;
            }
            if let Some((from, to)) = &u.display_name {
                let (from, to) = (report::value(from), report::value(to));
                line(format_args!(
                    "update-user {head} display-name {from} -> {to}"
                ))?;
            }
            if let Some((from, to)) = &u.email {
                let (from, to) = (report::value(from), report::value(to));
                line(format_args!("update-user {head} email {from} -> {to}"))?;
            }
            for g in &u.groups_joined {
                line(format_args!("update-user {head} join-group {}", quoted(g)))?;
            }
            for g in &u.groups_left {
                line(format_args!("update-user {head} leave-group {}", quoted(g)))?;
            }
            if u.password_changed {
                line(format_args!("update-user {head} password"))?;
            }
        }
        for u in &self.users_removed {
            line(format_args!("remove-user {}", quoted(u)))?;
        }
        for g in &self.groups_removed {
            line(format_args!("remove-group {}", quoted(g)))?;
        }
        Ok(())
    }
}

impl fmt::Display for ImportPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        report::write(self, f)
    }
}

/// What importing `import` over a server holding `server` would change.
///
/// Linear in the two files: each is indexed once ([`UserIndex`]), every
/// import user is paired with the server's by ProGet's matching
/// ([`UserIndex::find`]; a second import entry of one name counts once),
/// and a user that changes nothing allocates nothing.
pub fn plan(server: &UsersFile, import: &UsersFile, options: PlanOptions) -> ImportPlan {
    let server_index = UserIndex::of(server);
    let import_index = UserIndex::of(import);
    let mut plan = ImportPlan {
        groups_added: groups_added(server, import),
        ..ImportPlan::default()
    };
    for (j, user) in import.users.iter().enumerate() {
        if import_index.alike(&user.user_name) != Some(j) {
            continue; // a second entry for one user: validation reports it
        }
        match server_index.find(&user.user_name) {
            None => plan.users_added.push(user.user_name.clone()),
            Some(i) => plan
                .users_updated
                .extend(user_update(&server.users[i], user)),
        }
    }
    if options.delete_missing {
        plan.users_removed = server
            .users
            .iter()
            .filter(|u| import_index.alike(&u.user_name).is_none())
            .map(|u| u.user_name.clone())
            .collect();
        plan.groups_removed = groups_removed(server, import);
    }
    plan
}

/// Groups the import knows (declared or named by a user) that the server
/// does not, in the import's order.
pub fn groups_added(server: &UsersFile, import: &UsersFile) -> Vec<String> {
    missing_groups(import, server)
}

/// Groups the server knows that the import does not, in the server's order:
/// those *delete missing users and groups* removes.
pub fn groups_removed(server: &UsersFile, import: &UsersFile) -> Vec<String> {
    missing_groups(server, import)
}

fn missing_groups(from: &UsersFile, other: &UsersFile) -> Vec<String> {
    let known: HashSet<&str> = known_groups(other).collect();
    let mut seen = HashSet::new();
    known_groups(from)
        .filter(|g| !known.contains(g) && seen.insert(*g))
        .map(str::to_owned)
        .collect()
}

/// The declared groups, then those only users name, with repeats.
fn known_groups(file: &UsersFile) -> impl Iterator<Item = &str> {
    file.groups
        .iter()
        .chain(file.users.iter().flat_map(|u| u.groups.iter()))
        .map(String::as_str)
}

/// How importing `new` over the server's `old` changes that user, or `None`
/// when it changes nothing (then nothing is allocated).
///
/// The import's `displayName` and `emailAddress` replace the server's (an
/// empty one is none); its `groups` replace the memberships; a plaintext
/// `password`, or a hash that differs, changes the password.
pub fn user_update(old: &User, new: &User) -> Option<UserUpdate> {
    let renamed = old.user_name != new.user_name;
    let display = set(&old.display_name) != set(&new.display_name);
    let email = set(&old.email_address) != set(&new.email_address);
    let groups = !names::same_groups(&old.groups, &new.groups);
    let password = new.password.is_some()
        || (new.password_bytes.is_some()
            && (new.password_bytes != old.password_bytes || new.salt_bytes != old.salt_bytes));
    if !(renamed || display || email || groups || password) {
        return None;
    }
    let pair = |a: &Option<String>, b: &Option<String>| (owned(a), owned(b));
    let (groups_joined, groups_left) = if groups {
        names::group_changes(&old.groups, &new.groups)
    } else {
        Default::default()
    };
    Some(UserUpdate {
        user_name: old.user_name.clone(),
        renamed_to: renamed.then(|| new.user_name.clone()),
        display_name: display.then(|| pair(&old.display_name, &new.display_name)),
        email: email.then(|| pair(&old.email_address, &new.email_address)),
        groups_joined,
        groups_left,
        password_changed: password,
    })
}

/// A field's value, an empty one counting as unset (ProGet's export omits
/// an empty email).
pub(crate) fn set(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.is_empty())
}

fn owned(value: &Option<String>) -> Option<String> {
    set(value).map(str::to_owned)
}
