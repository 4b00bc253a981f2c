//! Target `plan`: two files (split at the first NUL; without one, the file
//! against itself), the first as the server's export and the second as the
//! file imported over it, or as ours and theirs for a merge.
//!
//! - Planning, applying a plan, comparing and merging never panic, and
//!   every line they show is safe.
//! - Applying the plan ([`plan::apply`]) gives the import's users, as
//!   ProGet's import leaves them: matched by folded name, with the import's
//!   name, display name, email and groups, its password when it has one
//!   (the server's otherwise); with *delete missing*, nothing else, and
//!   without it, the server's other users unchanged. The groups are those
//!   of the import (and the server's, without *delete missing*). Importing
//!   the same file again plans nothing but plaintext passwords, and
//!   `merge::compare` agrees (but for passwords the import does not set,
//!   and the hash fields beside a plaintext one).
//! - Comparing is symmetric; taking everything missing leaves nothing only
//!   theirs and keeps ours' users as they were; taking every conflict from
//!   theirs leaves none.
//!
//! The checks of results hold for files whose users have distinct names
//! ignoring letter case, as a server's do (validation flags a file that
//! has two): each file is checked as read for panics, then with its later
//! entries of a name dropped for the rest. The server's file is taken
//! without its plaintext passwords, as a server's export has none.

use crate::{assert_safe_lines, assert_safe_message, split};
use proget_users_core::merge::{self, Field, Resolution};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::names::{fold, UserIndex};
use proget_users_core::parse::parse;
use proget_users_core::plan::{self, PlanOptions};
use proget_users_core::write::to_json;
use std::collections::HashSet;

const BOTH: [PlanOptions; 2] = [
    PlanOptions {
        delete_missing: false,
    },
    PlanOptions {
        delete_missing: true,
    },
];

/// The whole check of one input.
pub fn check(data: &[u8]) {
    let (first, second) = split(data);
    let Ok(server) = parse(first) else { return };
    let import = match second {
        None => server.file.clone(),
        Some(second) => match parse(second) {
            Ok(parsed) => parsed.file,
            Err(_) => return,
        },
    };
    let server = server.file;
    never_panics(&server, &import);
    let (server, import) = (distinct(server), distinct(import));
    // A server holds no plaintext password: its export never shows one.
    let mut exported = server.clone();
    for user in &mut exported.users {
        user.password = None;
    }
    for options in BOTH {
        import_and_check(&exported, &import, options);
    }
    merge_and_check(&server, &import);
}

/// The file without the later entries of a name (ignoring letter case).
fn distinct(mut file: UsersFile) -> UsersFile {
    let mut seen = HashSet::new();
    file.users
        .retain(|u| seen.insert(fold(&u.user_name).into_owned()));
    file
}

/// Everything, on the files as read (names twice included).
fn never_panics(server: &UsersFile, import: &UsersFile) {
    for options in BOTH {
        let p = plan::plan(server, import, options);
        assert_safe_lines("a plan", &p.to_string());
        assert_eq!(p.len(), p.lines().len());
        let after = plan::apply(server, import, &p);
        to_json(&after);
    }
    for (ours, theirs) in [(server, import), (import, server)] {
        let cmp = merge::compare(ours, theirs);
        assert_safe_lines("a comparison", &cmp.to_string());
        let mut merged = ours.clone();
        let taken = merge::take_all_missing(&mut merged, theirs);
        assert_safe_message("a merge", &taken.to_string());
        for conflict in &cmp.conflicts {
            let theirs_user = theirs
                .user(&conflict.theirs_name)
                .expect("theirs has the user");
            let resolution = Resolution::PerField(vec![Field::Groups, Field::Password]);
            let taken = merge::take_user(&mut merged, theirs_user, &resolution);
            match taken {
                Ok(taken) => assert_safe_message("a merge", &taken.to_string()),
                Err(e) => assert_safe_message("a merge error", &e.to_string()),
            }
        }
        to_json(&merged);
    }
}

/// A field's value, an empty one counting as unset (as the plan has it).
fn set(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.is_empty())
}

fn group_set(groups: &[String]) -> HashSet<&str> {
    groups.iter().map(String::as_str).collect()
}

fn import_and_check(server: &UsersFile, import: &UsersFile, options: PlanOptions) {
    let delete = options.delete_missing;
    let p = plan::plan(server, import, options);
    let after = plan::apply(server, import, &p);
    let (server_index, import_index) = (UserIndex::of(server), UserIndex::of(import));
    let after_index = UserIndex::of(&after);
    let mut matched = HashSet::new();

    for new in &import.users {
        let name = &new.user_name;
        let at = after_index.alike(name);
        let user = &after.users
            [at.unwrap_or_else(|| panic!("{name:?} is not on the server after the import\n{p}"))];
        let old = server_index.alike(name).map(|i| &server.users[i]);
        matched.extend(server_index.alike(name));
        let context = || format!("user {name:?} (delete missing: {delete})\nplan:\n{p}");
        let Some(old) = old else {
            assert_eq!(
                user,
                new,
                "an added user is not the import's: {}",
                context()
            );
            continue;
        };
        assert_eq!(&user.user_name, name, "the name: {}", context());
        assert_eq!(
            set(&user.display_name),
            set(&new.display_name),
            "the display name: {}",
            context()
        );
        assert_eq!(
            set(&user.email_address),
            set(&new.email_address),
            "the email: {}",
            context()
        );
        assert_eq!(
            group_set(&user.groups),
            group_set(&new.groups),
            "the groups: {}",
            context()
        );
        let password = |u: &User| {
            (
                u.password.clone(),
                u.password_bytes.clone(),
                u.salt_bytes.clone(),
            )
        };
        if new.password.is_some() {
            assert_eq!(user.password, new.password, "the plaintext: {}", context());
            assert_eq!(
                (&user.password_bytes, &user.salt_bytes),
                (&None, &None),
                "{}",
                context()
            );
        } else if new.password_bytes.is_some() {
            assert_eq!(
                (&user.password_bytes, &user.salt_bytes),
                (&new.password_bytes, &new.salt_bytes),
                "the hash: {}",
                context()
            );
        } else {
            assert_eq!(
                password(user),
                password(old),
                "the kept password: {}",
                context()
            );
        }
    }
    let unmatched: Vec<&User> = server
        .users
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, u)| u)
        .collect();
    if delete {
        assert_eq!(
            after.users.len(),
            import.users.len(),
            "users left over\nplan:\n{p}"
        );
    } else {
        assert_eq!(
            after.users.len(),
            import.users.len() + unmatched.len(),
            "\nplan:\n{p}"
        );
        for old in unmatched {
            let at = after_index
                .exact(&old.user_name)
                .expect("a server user not imported stays");
            assert_eq!(
                &after.users[at], old,
                "a server user the import lacks changed\nplan:\n{p}"
            );
            assert!(import_index.alike(&old.user_name).is_none());
        }
    }

    // The groups: the import's, and the server's without delete-missing;
    // every one a user is in is declared.
    let mut groups: HashSet<String> = import.all_groups().into_iter().collect();
    if !delete {
        groups.extend(server.all_groups());
    }
    let declared: HashSet<String> = after.groups.iter().cloned().collect();
    assert_eq!(declared, groups, "the groups after the import\nplan:\n{p}");
    assert_eq!(declared.len(), after.groups.len(), "a group declared twice");
    for user in &after.users {
        for g in &user.groups {
            assert!(
                declared.contains(g),
                "{g:?} is not declared after the import\nplan:\n{p}"
            );
        }
    }

    // Importing the same file again changes nothing but plaintexts.
    let again = plan::plan(&after, import, options);
    assert!(
        again.groups_added.is_empty()
            && again.users_added.is_empty()
            && again.users_removed.is_empty()
            && again.groups_removed.is_empty(),
        "importing again changes more:\n{again}\nfirst plan:\n{p}"
    );
    for update in &again.users_updated {
        let new = &import.users[import_index.alike(&update.user_name).expect("imported")];
        let only_password = plan::UserUpdate {
            user_name: update.user_name.clone(),
            password_changed: true,
            ..plan::UserUpdate::default()
        };
        assert!(
            *update == only_password && new.password.is_some(),
            "importing again changes more:\n{again}\nfirst plan:\n{p}"
        );
    }

    // merge::compare sees the import's users on the server, differing at
    // most in a password the import does not set.
    let cmp = merge::compare(&after, import);
    assert!(
        cmp.only_theirs.is_empty(),
        "compare finds users not imported: {cmp}"
    );
    if delete {
        assert!(
            cmp.only_ours.is_empty(),
            "compare finds users not deleted: {cmp}"
        );
    }
    for conflict in &cmp.conflicts {
        let new = &import.users[import_index.alike(&conflict.theirs_name).expect("imported")];
        // The server kept its password (the import has none), or holds
        // the import's plaintext without the hash fields beside it, which
        // ProGet replaces by the new hash.
        let password_only = conflict.fields.iter().all(|d| d.field == Field::Password);
        let kept = new.password.is_none() && new.password_bytes.is_none();
        let plaintext = new.password.is_some();
        assert!(
            password_only && (kept || plaintext),
            "compare finds a difference after the import: {cmp}"
        );
    }

    let written = to_json(&after);
    let read = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("the server's file after the import does not read: {e}"));
    assert_eq!(
        read.file.users, after.users,
        "written → read changed the users"
    );
    assert_eq!(
        read.file.groups, after.groups,
        "written → read changed the groups"
    );
}

fn merge_and_check(ours: &UsersFile, theirs: &UsersFile) {
    let cmp = merge::compare(ours, theirs);
    let back = merge::compare(theirs, ours);
    assert_eq!(cmp.only_ours, back.only_theirs, "compare is not symmetric");
    assert_eq!(cmp.only_theirs, back.only_ours, "compare is not symmetric");
    assert_eq!(
        cmp.conflicts.len(),
        back.conflicts.len(),
        "compare is not symmetric"
    );
    assert_eq!(cmp.same.len(), back.same.len(), "compare is not symmetric");
    assert_eq!(
        cmp.only_ours.len() + cmp.conflicts.len() + cmp.same.len(),
        ours.users.len()
    );
    assert_eq!(
        cmp.only_theirs.len() + cmp.conflicts.len() + cmp.same.len(),
        theirs.users.len()
    );

    let mut merged = ours.clone();
    let taken = merge::take_all_missing(&mut merged, theirs);
    assert_eq!(
        merged.users[..ours.users.len()],
        ours.users[..],
        "a merge changed our users"
    );
    assert_eq!(taken.users_added, cmp.only_theirs);
    let after = merge::compare(&merged, theirs);
    assert!(after.only_theirs.is_empty(), "users left to take: {after}");
    assert!(
        after.groups_only_theirs.is_empty(),
        "groups left to take: {after}"
    );
    assert_eq!(
        after.conflicts.len(),
        cmp.conflicts.len(),
        "a merge changed the conflicts"
    );
    let written = to_json(&merged);
    let read = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("a merged file does not read: {e}\n{written:?}"));
    assert_eq!(
        read.file.users, merged.users,
        "written → read changed the users"
    );
    assert_eq!(
        read.file.groups, merged.groups,
        "written → read changed the groups"
    );

    // A user with a blank name cannot be taken (it stays a conflict).
    let blank = |name: &str| name.trim().is_empty();
    let mut resolved = ours.clone();
    for conflict in cmp.conflicts.iter().filter(|c| !blank(&c.theirs_name)) {
        let theirs_user = theirs
            .user(&conflict.theirs_name)
            .expect("theirs has the user");
        merge::take_user(&mut resolved, theirs_user, &Resolution::Theirs)
            .unwrap_or_else(|e| panic!("taking {:?} failed: {e}", conflict.name));
    }
    let written = to_json(&resolved);
    let read = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("a merged file does not read: {e}\n{written:?}"));
    assert_eq!(
        read.file.users, resolved.users,
        "written → read changed the users"
    );
    let after = merge::compare(&resolved, theirs);
    assert!(
        after.conflicts.iter().all(|c| blank(&c.theirs_name)),
        "conflicts left after taking theirs: {after}"
    );
}
