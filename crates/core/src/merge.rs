//! Comparing two files (say, exports of two ProGet instances) and taking
//! users and groups from one ("theirs") into the other ("ours").
//!
//! [`compare`] sorts the users into those only one side has, those both have
//! alike, and conflicts: the same user with different fields, each
//! [`FieldDiff`] holding both values for a side-by-side view. The
//! `take_*` functions then copy from theirs into ours, one user or group at
//! a time or everything missing at once, and report what they changed. (For
//! what importing one file over the other would do, see [`crate::plan`].)
//!
//! Users and groups are matched ignoring letter case, as ProGet's names are
//! not case-sensitive; ours keeps its spelling unless the user name is
//! taken from theirs, and a group taken from theirs that ours knows in
//! another case is written ours' way.
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

use crate::model::{User, UsersFile};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A user field that can differ between the two files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The same name in another letter case.
    UserName,
    DisplayName,
    Email,
    /// The password, plaintext or hash.
    Password,
    /// Group memberships (compared as sets, ignoring letter case).
    Groups,
}

impl Field {
    /// Every field, in the order [`Conflict::fields`] lists them.
    pub const ALL: [Field; 5] = [
        Field::UserName,
        Field::DisplayName,
        Field::Email,
        Field::Password,
        Field::Groups,
    ];

    /// The field's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::UserName => "user name",
            Field::DisplayName => "display name",
            Field::Email => "email",
            Field::Password => "password",
            Field::Groups => "groups",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One field of a user as each file has it, to show side by side. `None`
/// is "not set". Passwords are described, never shown: `plaintext`, or
/// `hash ` and the first 8 characters of `passwordBytes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: Field,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// A user both files have, with different fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The name as ours has it.
    pub name: String,
    /// The name as theirs has it (differs in letter case at most).
    pub theirs_name: String,
    /// The fields that differ, in [`Field::ALL`] order.
    pub fields: Vec<FieldDiff>,
}

/// How two files differ; every list in file order (ours first where both
/// have it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub only_ours: Vec<String>,
    pub only_theirs: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// Users alike in both (named as ours has them).
    pub same: Vec<String>,
    /// Groups (declared or named by a user) only ours knows.
    pub groups_only_ours: Vec<String>,
    /// Groups only theirs knows, as theirs spells them.
    pub groups_only_theirs: Vec<String>,
    /// Groups both know, as ours spells them.
    pub groups_both: Vec<String>,
}

impl Comparison {
    /// Whether the files hold the same users and groups alike.
    pub fn is_same(&self) -> bool {
        self.only_ours.is_empty()
            && self.only_theirs.is_empty()
            && self.conflicts.is_empty()
            && self.groups_only_ours.is_empty()
            && self.groups_only_theirs.is_empty()
    }

    /// One difference a line, for people and scripts: `only-ours "a"`,
    /// `only-theirs "b"`, `conflict "c" email "x" | "y"`,
    /// `group-only-ours "g"`, `group-only-theirs "h"`. Values are JSON
    /// strings, `(none)` when not set.
    pub fn lines(&self) -> Vec<String> {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let opt = |s: &Option<String>| s.as_deref().map_or("(none)".to_owned(), q);
        let mut out = Vec::new();
        out.extend(self.only_ours.iter().map(|u| format!("only-ours {}", q(u))));
        out.extend(
            self.only_theirs
                .iter()
                .map(|u| format!("only-theirs {}", q(u))),
        );
        for c in &self.conflicts {
            for d in &c.fields {
                let field = d.field.label().replace(' ', "-");
                out.push(format!(
                    "conflict {} {field} {} | {}",
                    q(&c.name),
                    opt(&d.ours),
                    opt(&d.theirs)
                ));
            }
        }
        out.extend(
            self.groups_only_ours
                .iter()
                .map(|g| format!("group-only-ours {}", q(g))),
        );
        out.extend(
            self.groups_only_theirs
                .iter()
                .map(|g| format!("group-only-theirs {}", q(g))),
        );
        out
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

fn norm(value: &Option<String>) -> Option<String> {
    value.clone().filter(|s| !s.is_empty())
}

fn group_set(user: &User) -> HashSet<String> {
    user.groups.iter().map(|g| g.to_lowercase()).collect()
}

fn describe_password(user: &User) -> Option<String> {
    if user.password.is_some() {
        Some("plaintext".to_owned())
    } else if let Some(bytes) = &user.password_bytes {
        Some(format!(
            "hash {}",
            bytes.chars().take(8).collect::<String>()
        ))
    } else {
        user.salt_bytes
            .as_ref()
            .map(|_| "salt without hash".to_owned())
    }
}

fn same_password(a: &User, b: &User) -> bool {
    a.password == b.password && a.password_bytes == b.password_bytes && a.salt_bytes == b.salt_bytes
}

/// Whether `field` differs between the two users.
fn differs(field: Field, ours: &User, theirs: &User) -> bool {
    match field {
        Field::UserName => ours.user_name != theirs.user_name,
        Field::DisplayName => norm(&ours.display_name) != norm(&theirs.display_name),
        Field::Email => norm(&ours.email_address) != norm(&theirs.email_address),
        Field::Password => !same_password(ours, theirs),
        Field::Groups => group_set(ours) != group_set(theirs),
    }
}

fn value(field: Field, user: &User) -> Option<String> {
    match field {
        Field::UserName => Some(user.user_name.clone()),
        Field::DisplayName => norm(&user.display_name),
        Field::Email => norm(&user.email_address),
        Field::Password => describe_password(user),
        Field::Groups => (!user.groups.is_empty()).then(|| user.groups.join(", ")),
    }
}

/// The fields in which two users differ.
pub fn diff_user(ours: &User, theirs: &User) -> Vec<FieldDiff> {
    Field::ALL
        .into_iter()
        .filter(|&f| differs(f, ours, theirs))
        .map(|field| FieldDiff {
            field,
            ours: value(field, ours),
            theirs: value(field, theirs),
        })
        .collect()
}

/// The index of the user named `name` ignoring letter case (the first, if
/// several are).
pub fn find_user(file: &UsersFile, name: &str) -> Option<usize> {
    let folded = name.to_lowercase();
    file.users
        .iter()
        .position(|u| u.user_name.to_lowercase() == folded)
}

/// How `ours` and `theirs` differ.
pub fn compare(ours: &UsersFile, theirs: &UsersFile) -> Comparison {
    let mut cmp = Comparison::default();
    let index = |file: &UsersFile| {
        let mut map: HashMap<String, usize> = HashMap::new();
        for (i, u) in file.users.iter().enumerate() {
            map.entry(u.user_name.to_lowercase()).or_insert(i);
        }
        map
    };
    let (our_index, their_index) = (index(ours), index(theirs));
    let mut seen = HashSet::new();
    for user in &ours.users {
        let folded = user.user_name.to_lowercase();
        if !seen.insert(folded.clone()) {
            continue; // a second entry for one name: validation reports it
        }
        match their_index.get(&folded) {
            None => cmp.only_ours.push(user.user_name.clone()),
            Some(&j) => {
                let fields = diff_user(user, &theirs.users[j]);
                if fields.is_empty() {
                    cmp.same.push(user.user_name.clone());
                } else {
                    cmp.conflicts.push(Conflict {
                        name: user.user_name.clone(),
                        theirs_name: theirs.users[j].user_name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    let mut seen = HashSet::new();
    cmp.only_theirs = theirs
        .users
        .iter()
        .filter(|u| {
            let folded = u.user_name.to_lowercase();
            !our_index.contains_key(&folded) && seen.insert(folded)
        })
        .map(|u| u.user_name.clone())
        .collect();

    let fold = |file: &UsersFile| -> HashSet<String> {
        file.all_groups().iter().map(|g| g.to_lowercase()).collect()
    };
    let (our_groups, their_groups) = (fold(ours), fold(theirs));
    for g in ours.all_groups() {
        if their_groups.contains(&g.to_lowercase()) {
            cmp.groups_both.push(g);
        } else {
            cmp.groups_only_ours.push(g);
        }
    }
    let mut seen = HashSet::new();
    cmp.groups_only_theirs = theirs
        .all_groups()
        .into_iter()
        .filter(|g| !our_groups.contains(&g.to_lowercase()) && seen.insert(g.to_lowercase()))
        .collect();
    cmp
}

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
            MergeError::UnknownUser(n) => write!(f, "the other file has no user {n:?}"),
            MergeError::UnknownGroup(n) => write!(f, "the other file has no group {n:?}"),
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
    /// `added 3 users, updated 2 users, declared 4 groups`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |names: &[String], one: &str, many: &str, verb: &str| match names {
            [] => None,
            [name] => Some(format!("{verb} {one} {name}")),
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
                Some(format!("took {fields} of {}", one.name))
            }
            many => Some(format!("updated {} users", many.len())),
        };
        let parts: Vec<String> = [
            list(&self.users_added, "user", "users", "added"),
            updated,
            list(&self.groups_added, "group", "groups", "declared"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            f.write_str("took nothing")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Theirs' groups in ours' spelling, with the groups ours must declare
/// added to `taken`.
fn adopt_groups(ours: &mut UsersFile, groups: &[String], taken: &mut Taken) -> Vec<String> {
    let spelling: HashMap<String, String> = ours
        .all_groups()
        .into_iter()
        .rev()
        .map(|g| (g.to_lowercase(), g))
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(groups.len());
    for g in groups {
        let spelled = spelling.get(&g.to_lowercase()).unwrap_or(g).clone();
        if !ours
            .groups
            .iter()
            .any(|d| d.to_lowercase() == g.to_lowercase())
        {
            ours.groups.push(spelled.clone());
            taken.groups_added.push(spelled.clone());
        }
        if !out.contains(&spelled) {
            out.push(spelled);
        }
    }
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
    match find_user(ours, &theirs_user.user_name) {
        None if *resolution == Resolution::Ours => {}
        None => add_user(ours, theirs_user, &mut taken),
        Some(i) => {
            let fields: Vec<Field> = Field::ALL
                .into_iter()
                .filter(|&f| resolution.takes(f) && differs(f, &ours.users[i], theirs_user))
                .collect();
            if fields.is_empty() {
                return Ok(taken);
            }
            let mut user = ours.users[i].clone();
            for &field in &fields {
                match field {
                    Field::UserName => user.set_user_name(theirs_user.user_name.clone()),
                    Field::DisplayName => user.set_display_name(theirs_user.display_name.clone()),
                    Field::Email => user.set_email_address(theirs_user.email_address.clone()),
                    Field::Password => copy_password(&mut user, theirs_user),
                    Field::Groups => {
                        let groups = adopt_groups(ours, &theirs_user.groups, &mut taken);
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
    }
    Ok(taken)
}

fn add_user(ours: &mut UsersFile, theirs_user: &User, taken: &mut Taken) {
    let mut user = theirs_user.clone();
    if !user.groups.is_empty() {
        let groups = adopt_groups(ours, &theirs_user.groups, taken);
        user.set_groups(groups);
    }
    taken.users_added.push(user.user_name.clone());
    ours.users.push(user);
}

fn copy_password(user: &mut User, from: &User) {
    match (&from.password, &from.password_bytes, &from.salt_bytes) {
        (Some(p), _, _) => user.set_plaintext_password(p.clone()),
        (None, Some(bytes), Some(salt)) => user.set_password_hash(bytes.clone(), salt.clone()),
        (None, bytes, salt) => {
            user.clear_password();
            user.password_bytes = bytes.clone();
            user.salt_bytes = salt.clone();
        }
    }
}

/// Declares one of theirs' groups in ours (named ignoring letter case;
/// theirs' spelling is used). Memberships are not touched: they differ per
/// user, as a [`Field::Groups`] conflict, and are taken with
/// [`take_user`]. Taking a group ours already declares changes nothing.
pub fn take_group(
    ours: &mut UsersFile,
    theirs: &UsersFile,
    group: &str,
) -> Result<Taken, MergeError> {
    if group.trim().is_empty() {
        return Err(MergeError::EmptyName);
    }
    let folded = group.to_lowercase();
    let theirs_name = theirs
        .all_groups()
        .into_iter()
        .find(|g| g.to_lowercase() == folded)
        .ok_or_else(|| MergeError::UnknownGroup(group.to_owned()))?;
    let mut taken = Taken::default();
    adopt_groups(ours, &[theirs_name], &mut taken);
    Ok(taken)
}

/// Takes everything ours lacks: theirs' users ours does not have (ignoring
/// letter case), then theirs' groups ours does not know, all declared.
/// Users both have are left alone, conflicts included.
pub fn take_all_missing(ours: &mut UsersFile, theirs: &UsersFile) -> Taken {
    let cmp = compare(ours, theirs);
    let mut taken = Taken::default();
    for name in &cmp.only_theirs {
        if let Some(user) = theirs.user(name) {
            add_user(ours, user, &mut taken);
        }
    }
    adopt_groups(ours, &cmp.groups_only_theirs, &mut taken);
    taken
}
