//! Taking from theirs into ours: one user (with a [`Resolution`] saying
//! which conflicting fields to take), one group, everything missing, or
//! everything at once; each reports what it changed ([`Taken`]).

use super::compare::{compare, differs, Field};
use crate::model::{Key, User, UsersFile};
use crate::names::{self, GroupNames, UserIndex};
use crate::report;
use crate::text::{escaped, quoted};
use std::fmt;

/// Which file a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

/// How to settle a user both files have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Keep ours as it is (a user only theirs has is not taken).
    Ours,
    /// Take every field from theirs.
    Theirs,
    /// Take these fields from theirs and keep ours for the rest.
    PerField(Vec<Field>),
}

impl Resolution {
    /// A per-field resolution from a choice for each field (fields not
    /// listed keep ours).
    pub fn from_choices(choices: &[(Field, Side)]) -> Resolution {
        Resolution::PerField(
            choices
                .iter()
                .filter(|(_, side)| *side == Side::Theirs)
                .map(|(field, _)| *field)
                .collect(),
        )
    }

    fn takes(&self, field: Field) -> bool {
        match self {
            Resolution::Ours => false,
            Resolution::Theirs => true,
            Resolution::PerField(fields) => fields.contains(&field),
        }
    }
}

/// Why something could not be taken; ours is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// Theirs has no user by that name.
    UnknownUser(String),
    /// Theirs knows no group by that name.
    UnknownGroup(String),
    /// A user or group with an empty name cannot be taken.
    EmptyName,
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::UnknownUser(n) => write!(f, "the other file has no user {}", quoted(n)),
            MergeError::UnknownGroup(n) => {
                write!(f, "the other file has no group {}", quoted(n))
            }
            MergeError::EmptyName => {
                f.write_str("a user or group with an empty name cannot be taken")
            }
        }
    }
}

impl std::error::Error for MergeError {}

/// A user of ours updated from theirs, and the fields taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserTaken {
    /// The name as ours has it now.
    pub name: String,
    pub fields: Vec<Field>,
}

/// What a `take_*` changed in ours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    pub users_added: Vec<String>,
    pub users_updated: Vec<UserTaken>,
    /// Groups declared in ours (taken, or named by a user taken).
    pub groups_added: Vec<String>,
}

impl Taken {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.users_added.is_empty() && self.users_updated.is_empty() && self.groups_added.is_empty()
    }
}

impl fmt::Display for Taken {
    /// `added user b, declared group g`, `took the email and groups of a`,
    /// `added 3 users, updated 2 users, declared 4 groups`. Names are shown
    /// with control characters escaped ([`crate::text::escaped`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |names: &[String], one: &str, many: &str, verb: &str| match names {
            [] => None,
            [name] => Some(format!("{verb} {one} {}", escaped(name))),
            names => Some(format!("{verb} {} {many}", names.len())),
        };
        let updated = match self.users_updated.as_slice() {
            [] => None,
            [one] => {
                let fields: Vec<&str> = one.fields.iter().map(|f| f.label()).collect();
                let fields = match fields.as_slice() {
                    [] => String::from("nothing"),
                    [only] => format!("the {only}"),
                    [init @ .., last] => format!("the {} and {last}", init.join(", ")),
                };
                Some(format!("took {fields} of {}", escaped(&one.name)))
            }
            many => Some(format!("updated {} users", many.len())),
        };
        let parts = report::summary([
            list(&self.users_added, "user", "users", "added"),
            updated,
            list(&self.groups_added, "group", "groups", "declared"),
        ]);
        f.write_str(parts.as_deref().unwrap_or("took nothing"))
    }
}

/// Theirs' groups in ours' spelling (see [`GroupNames`]), the groups ours
/// must declare declared and added to `taken`.
fn adopt_groups(
    ours: &mut UsersFile,
    spelling: &mut GroupNames,
    groups: &[String],
    taken: &mut Taken,
) -> Vec<String> {
    let out = spelling.adopt(groups);
    let new = spelling.take_new();
    ours.groups.extend(new.iter().cloned());
    taken.groups_added.extend(new);
    out
}

/// Takes one of theirs' users into ours: a user ours lacks is added (with
/// the groups it names declared), unless the resolution is
/// [`Resolution::Ours`]; a user ours has gets the fields the resolution
/// takes from theirs, where they differ.
pub fn take_user(
    ours: &mut UsersFile,
    theirs_user: &User,
    resolution: &Resolution,
) -> Result<Taken, MergeError> {
    if theirs_user.user_name.trim().is_empty() {
        return Err(MergeError::EmptyName);
    }
    let mut taken = Taken::default();
    let mut spelling = GroupNames::of(ours);
    match names::find_user(ours, &theirs_user.user_name) {
        None if *resolution == Resolution::Ours => {}
        None => add_user(ours, &mut spelling, theirs_user, &mut taken),
        Some(i) => update_user(ours, i, &mut spelling, theirs_user, resolution, &mut taken),
    }
    Ok(taken)
}

/// Gives ours' user `i` the fields `resolution` takes from `theirs_user`,
/// where they differ, and notes them in `taken`.
fn update_user(
    ours: &mut UsersFile,
    i: usize,
    spelling: &mut GroupNames,
    theirs_user: &User,
    resolution: &Resolution,
    taken: &mut Taken,
) {
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|&f| resolution.takes(f) && differs(f, &ours.users[i], theirs_user))
        .collect();
    if fields.is_empty() {
        return;
    }
    let mut user = ours.users[i].clone();
    for &field in &fields {
        match field {
            Field::UserName => user.set_user_name(theirs_user.user_name.clone()),
            Field::DisplayName => user.set_display_name(theirs_user.display_name.clone()),
            Field::Email => user.set_email_address(theirs_user.email_address.clone()),
            Field::Password => copy_password(&mut user, theirs_user),
            Field::Groups => {
                let groups = adopt_groups(ours, spelling, &theirs_user.groups, taken);
                user.set_groups(groups);
            }
        }
    }
    taken.users_updated.push(UserTaken {
        name: user.user_name.clone(),
        fields,
    });
    ours.users[i] = user;
}

fn add_user(
    ours: &mut UsersFile,
    spelling: &mut GroupNames,
    theirs_user: &User,
    taken: &mut Taken,
) {
    let mut user = theirs_user.clone();
    if !user.groups.is_empty() {
        let groups = adopt_groups(ours, spelling, &theirs_user.groups, taken);
        user.set_groups(groups);
    }
    taken.users_added.push(user.user_name.clone());
    ours.users.push(user);
}

/// Gives `user` theirs' password fields exactly, so that the two compare
/// alike afterwards: a plaintext, a hash, or whatever mix theirs holds (a
/// plaintext beside hash fields, half a hash), each key in its place.
fn copy_password(user: &mut User, from: &User) {
    match (&from.password, &from.password_bytes, &from.salt_bytes) {
        (Some(p), None, None) => user.set_plaintext_password(p.clone()),
        (None, Some(bytes), Some(salt)) => user.set_password_hash(bytes.clone(), salt.clone()),
        (password, bytes, salt) => {
            user.clear_password();
            user.password_bytes = bytes.clone();
            user.salt_bytes = salt.clone();
            user.password = password.clone();
            for (key, set) in [
                (Key::PasswordBytes, bytes.is_some()),
                (Key::SaltBytes, salt.is_some()),
                (Key::Password, password.is_some()),
            ] {
                if set {
                    user.place_key(key);
                }
            }
        }
    }
}

/// Declares one of theirs' groups in ours (found in theirs by ProGet's
/// matching, [`names::find_group`]; theirs' spelling is used, or ours'
/// where ours knows the group in another letter case). Memberships are
/// not touched: they differ per user, as a [`Field::Groups`] conflict, and
/// are taken with [`take_user`]. Taking a group ours already declares
/// changes nothing.
pub fn take_group(
    ours: &mut UsersFile,
    theirs: &UsersFile,
    group: &str,
) -> Result<Taken, MergeError> {
    if group.trim().is_empty() {
        return Err(MergeError::EmptyName);
    }
    let theirs_name = names::find_group(theirs, group)
        .ok_or_else(|| MergeError::UnknownGroup(group.to_owned()))?;
    let mut taken = Taken::default();
    let mut spelling = GroupNames::of(ours);
    adopt_groups(ours, &mut spelling, &[theirs_name], &mut taken);
    Ok(taken)
}

/// Takes everything ours lacks: theirs' users ours does not have (ignoring
/// letter case), then theirs' groups ours does not know, all declared.
/// Users both have are left alone, conflicts included: [`take_all`] with
/// [`Resolution::Ours`].
pub fn take_all_missing(ours: &mut UsersFile, theirs: &UsersFile) -> Taken {
    take_all(ours, theirs, &Resolution::Ours)
}

/// Takes everything from theirs at once: first each conflict (a user both
/// have, with differing fields) is settled by `resolution`, which says the
/// fields to take from theirs, the same for every user (the command line's
/// `merge --prefer` and `--field`); then theirs' users ours lacks are
/// added and theirs' groups ours does not know are declared, whatever the
/// resolution. Users are paired as [`compare`] pairs them.
///
/// Linear: each file is compared and indexed once and ours' groups are
/// gathered once, however many users are taken.
///
/// ```
/// use proget_users_core::{merge::{self, Field, Resolution}, parse::parse};
/// let mut ours = parse(br#"{"users":[{"userName":"a","displayName":"A","emailAddress":"a@old.example"}],"groups":[]}"#).unwrap().file;
/// let theirs = parse(br#"{"users":[{"userName":"a","displayName":"Ann","emailAddress":"a@new.example"},{"userName":"b"}],"groups":[]}"#).unwrap().file;
/// let taken = merge::take_all(&mut ours, &theirs, &Resolution::PerField(vec![Field::Email]));
/// assert_eq!(taken.to_string(), "added user b, took the email of a");
/// assert_eq!(ours.users[0].display_name.as_deref(), Some("A"));
/// assert_eq!(ours.users[0].email_address.as_deref(), Some("a@new.example"));
/// ```
pub fn take_all(ours: &mut UsersFile, theirs: &UsersFile, resolution: &Resolution) -> Taken {
    let cmp = compare(ours, theirs);
    let their_index = UserIndex::of(theirs);
    let mut spelling = GroupNames::of(ours);
    let mut taken = Taken::default();
    if *resolution != Resolution::Ours {
        // Ours' names are not changed until every pair is found (taking a
        // user name from theirs renames ours' user).
        let our_index = UserIndex::of(ours);
        let pairs: Vec<(usize, usize)> = cmp
            .conflicts
            .iter()
            .filter_map(|c| {
                Some((
                    our_index.exact(&c.name)?,
                    their_index.exact(&c.theirs_name)?,
                ))
            })
            .collect();
        for (i, j) in pairs {
            let theirs_user = &theirs.users[j];
            update_user(ours, i, &mut spelling, theirs_user, resolution, &mut taken);
        }
    }
    for name in &cmp.only_theirs {
        if let Some(j) = their_index.exact(name) {
            add_user(ours, &mut spelling, &theirs.users[j], &mut taken);
        }
    }
    adopt_groups(ours, &mut spelling, &cmp.groups_only_theirs, &mut taken);
    taken
}
