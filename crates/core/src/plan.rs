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
//! ```
//! use proget_users_core::{parse::parse, plan::{plan, PlanOptions}};
//! let server = parse(br#"{"users":[{"userName":"a","groups":["x"]}],"groups":["x"]}"#).unwrap().file;
//! let import = parse(br#"{"users":[{"userName":"a","groups":["y"]},{"userName":"b"}],"groups":["y"]}"#).unwrap().file;
//! let plan = plan(&server, &import, PlanOptions { delete_missing: true });
//! assert_eq!(plan.to_string(), "add-group \"y\"\nadd-user \"b\"\nupdate-user \"a\" join-group \"y\"\nupdate-user \"a\" leave-group \"x\"\nremove-group \"x\"\n");
//! ```

use crate::model::{User, UsersFile};
use std::collections::{HashMap, HashSet};
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

    /// The number of changes, counted as lines of the plan's text.
    pub fn len(&self) -> usize {
        self.lines().len()
    }

    /// One change a line, for people and scripts: a verb, the quoted name,
    /// then what changes. Names and values are JSON strings.
    pub fn lines(&self) -> Vec<String> {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let opt = |s: &Option<String>| s.as_deref().map_or("(none)".to_owned(), q);
        let mut out = Vec::new();
        out.extend(
            self.groups_added
                .iter()
                .map(|g| format!("add-group {}", q(g))),
        );
        out.extend(
            self.users_added
                .iter()
                .map(|u| format!("add-user {}", q(u))),
        );
        for u in &self.users_updated {
            let head = format!("update-user {}", q(&u.user_name));
            if let Some(to) = &u.renamed_to {
                out.push(format!("{head} user-name -> {}", q(to)));
            }
            if let Some((from, to)) = &u.display_name {
                out.push(format!("{head} display-name {} -> {}", opt(from), opt(to)));
            }
            if let Some((from, to)) = &u.email {
                out.push(format!("{head} email {} -> {}", opt(from), opt(to)));
            }
            out.extend(
                u.groups_joined
                    .iter()
                    .map(|g| format!("{head} join-group {}", q(g))),
            );
            out.extend(
                u.groups_left
                    .iter()
                    .map(|g| format!("{head} leave-group {}", q(g))),
            );
            if u.password_changed {
                out.push(format!("{head} password"));
            }
        }
        out.extend(
            self.users_removed
                .iter()
                .map(|u| format!("remove-user {}", q(u))),
        );
        out.extend(
            self.groups_removed
                .iter()
                .map(|g| format!("remove-group {}", q(g))),
        );
        out
    }
}

impl fmt::Display for ImportPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// What importing `import` over a server holding `server` would change.
pub fn plan(server: &UsersFile, import: &UsersFile, options: PlanOptions) -> ImportPlan {
    let mut plan = ImportPlan::default();

    let server_groups = server.all_groups();
    let import_groups = import.all_groups();
    let server_group_set: HashSet<&str> = server_groups.iter().map(String::as_str).collect();
    let import_group_set: HashSet<&str> = import_groups.iter().map(String::as_str).collect();
    plan.groups_added = import_groups
        .iter()
        .filter(|g| !server_group_set.contains(g.as_str()))
        .cloned()
        .collect();

    let mut by_name: HashMap<String, &User> = HashMap::new();
    for user in &server.users {
        by_name.entry(user.user_name.to_lowercase()).or_insert(user);
    }
    let mut matched: HashSet<String> = HashSet::new();
    for user in &import.users {
        let folded = user.user_name.to_lowercase();
        if !matched.insert(folded.clone()) {
            continue; // a second entry for one user: validation reports it
        }
        match by_name.get(&folded) {
            None => plan.users_added.push(user.user_name.clone()),
            Some(old) => {
                let update = compare(old, user);
                if update
                    != (UserUpdate {
                        user_name: old.user_name.clone(),
                        ..UserUpdate::default()
                    })
                {
                    plan.users_updated.push(update);
                }
            }
        }
    }

    if options.delete_missing {
        plan.users_removed = server
            .users
            .iter()
            .filter(|u| !matched.contains(&u.user_name.to_lowercase()))
            .map(|u| u.user_name.clone())
            .collect();
        plan.groups_removed = server_groups
            .iter()
            .filter(|g| !import_group_set.contains(g.as_str()))
            .cloned()
            .collect();
    }
    plan
}

fn compare(old: &User, new: &User) -> UserUpdate {
    let changed = |a: &Option<String>, b: &Option<String>| {
        let norm = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
        (norm(a) != norm(b)).then(|| (norm(a), norm(b)))
    };
    UserUpdate {
        user_name: old.user_name.clone(),
        renamed_to: (old.user_name != new.user_name).then(|| new.user_name.clone()),
        display_name: changed(&old.display_name, &new.display_name),
        email: changed(&old.email_address, &new.email_address),
        groups_joined: new
            .groups
            .iter()
            .filter(|g| !old.groups.contains(g))
            .cloned()
            .collect(),
        groups_left: old
            .groups
            .iter()
            .filter(|g| !new.groups.contains(g))
            .cloned()
            .collect(),
        password_changed: new.password.is_some()
            || (new.password_bytes.is_some()
                && (new.password_bytes != old.password_bytes || new.salt_bytes != old.salt_bytes)),
    }
}
