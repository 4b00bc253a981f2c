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
//! [`apply`] carries a plan out: what the server holds after the import,
//! as its next export would show it. Every change it makes is one the plan
//! lists, so importing the file again plans nothing but the plaintext
//! passwords, which ProGet hashes anew on every import.
//!
//! ```
//! use proget_users_core::{parse::parse, plan::{plan, PlanOptions}};
//! let server = parse(br#"{"users":[{"userName":"a","groups":["x"]}],"groups":["x"]}"#).unwrap().file;
//! let import = parse(br#"{"users":[{"userName":"a","groups":["y"]},{"userName":"b"}],"groups":["y"]}"#).unwrap().file;
//! let plan = plan(&server, &import, PlanOptions { delete_missing: true });
//! assert_eq!(plan.to_string(), "add-group \"y\"\nadd-user \"b\"\nupdate-user \"a\" join-group \"y\"\nupdate-user \"a\" leave-group \"x\"\nremove-group \"x\"\n");
//! ```

use crate::model::{Key, User, UsersFile};
use crate::names::{self, UserIndex};
use crate::report::{self, Report};
use crate::text::quoted;
use foldhash::{HashSet, HashSetExt};
use std::borrow::Cow;
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
/// Linear in the two files: the server's users are indexed once
/// ([`UserIndex`]), every import user is paired with the server's by
/// ProGet's matching ([`UserIndex::find`]; a second import entry of one
/// name, in any letter case, counts once), and a user that changes nothing
/// allocates nothing.
pub fn plan(server: &UsersFile, import: &UsersFile, options: PlanOptions) -> ImportPlan {
    let server_index = UserIndex::of(server);
    // The import's names as ProGet compares them, each once.
    let mut imported: HashSet<Cow<'_, str>> = HashSet::with_capacity(import.users.len());
    let mut plan = ImportPlan {
        groups_added: groups_added(server, import),
        ..ImportPlan::default()
    };
    for user in &import.users {
        if !imported.insert(names::fold(&user.user_name)) {
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
            .filter(|u| !imported.contains(names::fold(&u.user_name).as_ref()))
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

/// What the server holds after importing `import` over `server` as `plan`
/// (made by [`plan`] from these two files) says: the server's users in its
/// order, less those removed, each updated as its [`UserUpdate`] says, then
/// the users added, as the import has them.
///
/// An update takes the new letter case of the name, the new display name
/// and email (an empty one is none), and joins and leaves the groups it
/// lists; when the password changes, the user gets the import's plaintext
/// `password` (which ProGet would hash) or its `passwordBytes` and
/// `saltBytes`. A user the import names without a password keeps the
/// server's. The groups are every group the server knows (declared, or
/// named by a user), less those removed, then those added: the server
/// holds a group as soon as a user is in it, so the result declares them
/// all. Root fields other than `users` and `groups`, and the text style,
/// stay the server's.
///
/// Names the plan gives that neither file has are passed over, so a plan
/// made from other files cannot make this panic; the result is then only
/// as right as the plan. Linear in the two files and the plan.
///
/// ```
/// use proget_users_core::{parse::parse, plan::{apply, plan, PlanOptions}};
/// let server = parse(br#"{"users":[{"userName":"jdoe","groups":["Dev"]},{"userName":"old"}],"groups":["Dev"]}"#).unwrap().file;
/// let import = parse(br#"{"users":[{"userName":"jDoe","displayName":"John","groups":["Ops"]},{"userName":"new"}],"groups":[]}"#).unwrap().file;
/// let changes = plan(&server, &import, PlanOptions { delete_missing: true });
/// let after = apply(&server, &import, &changes);
/// let names: Vec<&str> = after.users.iter().map(|u| u.user_name.as_str()).collect();
/// assert_eq!(names, ["jDoe", "new"]);
/// assert_eq!(after.users[0].display_name.as_deref(), Some("John"));
/// assert_eq!(after.users[0].groups, ["Ops"]);
/// assert_eq!(after.groups, ["Ops"]);
/// // Importing the same file again would change nothing.
/// assert!(plan(&after, &import, PlanOptions { delete_missing: true }).is_empty());
/// ```
pub fn apply(server: &UsersFile, import: &UsersFile, plan: &ImportPlan) -> UsersFile {
    let server_index = UserIndex::of(server);
    let import_index = UserIndex::of(import);
    let mut after = server.clone();

    for update in &plan.users_updated {
        let Some(i) = server_index.exact(&update.user_name) else {
            continue;
        };
        let new_name = update.renamed_to.as_deref().unwrap_or(&update.user_name);
        // The import's entry the plan paired with this user: the first of
        // its name, ignoring letter case.
        let new = import_index.alike(new_name).map(|j| &import.users[j]);
        apply_update(&mut after.users[i], update, new);
    }

    let removed: HashSet<&str> = plan.users_removed.iter().map(String::as_str).collect();
    if !removed.is_empty() {
        // By the server's names, so that a renamed user is never taken
        // for a removed one.
        let mut keep = server
            .users
            .iter()
            .map(|u| !removed.contains(u.user_name.as_str()));
        after.users.retain(|_| keep.next().unwrap_or(true));
    }
    for name in &plan.users_added {
        if let Some(j) = import_index.alike(name) {
            after.users.push(import.users[j].clone());
        }
    }

    let removed: HashSet<&str> = plan.groups_removed.iter().map(String::as_str).collect();
    let mut groups: Vec<String> = server
        .all_groups()
        .into_iter()
        .filter(|g| !removed.contains(g.as_str()))
        .collect();
    let mut known: HashSet<String> = groups.iter().cloned().collect();
    for g in &plan.groups_added {
        if known.insert(g.clone()) {
            groups.push(g.clone());
        }
    }
    after.groups = groups;
    after
}

/// Carries out one user's update; `new` is the import's entry, for the
/// password.
fn apply_update(user: &mut User, update: &UserUpdate, new: Option<&User>) {
    if let Some(name) = &update.renamed_to {
        user.set_user_name(name.clone());
    }
    if let Some((_, to)) = &update.display_name {
        user.set_display_name(to.clone());
    }
    if let Some((_, to)) = &update.email {
        user.set_email_address(to.clone());
    }
    if !update.groups_joined.is_empty() || !update.groups_left.is_empty() {
        let left: HashSet<&str> = update.groups_left.iter().map(String::as_str).collect();
        let mut groups: Vec<String> = user
            .groups
            .iter()
            .filter(|g| !left.contains(g.as_str()))
            .cloned()
            .collect();
        groups.extend(update.groups_joined.iter().cloned());
        user.set_groups(groups);
    }
    if update.password_changed {
        if let Some(new) = new {
            match (&new.password, &new.password_bytes) {
                (Some(plaintext), _) => user.set_plaintext_password(plaintext.clone()),
                (None, Some(bytes)) => match &new.salt_bytes {
                    Some(salt) => user.set_password_hash(bytes.clone(), salt.clone()),
                    None => {
                        user.clear_password();
                        user.password_bytes = Some(bytes.clone());
                        user.place_key(Key::PasswordBytes);
                    }
                },
                (None, None) => {}
            }
        }
    }
}
