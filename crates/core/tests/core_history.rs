//! Undo and redo: round trips to the exact earlier files, capacity, and the
//! memory a step costs.

use proget_users_core::edit::{self, PasswordStorage};
use proget_users_core::history::{History, DEFAULT_CAPACITY};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::{parse, password, write};

fn file_with(n: usize) -> UsersFile {
    let mut file = UsersFile::new();
    file.groups.push("Dev".into());
    for i in 0..n {
        let mut user = User::new(format!("user{i:05}"));
        user.set_email_address(Some(format!("user{i}@example.com")));
        user.set_groups(vec!["Dev".into()]);
        file.users.push(user);
    }
    file
}

/// The i-th of a varied sequence of edits (adds, removes, renames, field
/// changes, groups), each valid on the file as it stands.
fn some_edit(file: &mut UsersFile, i: usize) -> Result<edit::Change, edit::EditError> {
    let n = file.users.len();
    let name = |k: usize| file.users[k % n].user_name.clone();
    match i % 8 {
        0 => edit::add_user(file, User::new(format!("new{i}"))),
        1 => {
            let who = name(i * 7);
            edit::set_email(file, &who, Some(&format!("e{i}@example.com")))
        }
        2 => {
            let who = name(i * 3);
            edit::set_display_name(file, &who, Some(&format!("Person {i}")))
        }
        3 => {
            let who = name(i);
            edit::rename_user(file, &who, &format!("renamed{i}"))
        }
        4 => {
            let who = name(i * 5);
            edit::join_group(file, &[&who], &format!("G{i}"))
        }
        5 => {
            let who = name(i * 11);
            edit::remove_user(file, &who)
        }
        6 => edit::add_group(file, &format!("Group{i}")),
        _ => {
            let who = name(i * 13);
            edit::set_password(file, &who, &format!("pw{i}"), PasswordStorage::Plaintext)
        }
    }
}

#[test]
fn undo_and_redo_150_edits_restore_every_earlier_file_exactly() {
    let mut file = file_with(30);
    let mut history = History::new();
    let mut states = vec![file.clone()];
    for i in 0..150 {
        history.apply(&mut file, |f| some_edit(f, i)).unwrap();
        states.push(file.clone());
    }
    assert_eq!(history.undo_len(), 150);
    for k in (0..150).rev() {
        assert!(history.can_undo());
        let label = history.undo_label().unwrap().to_owned();
        assert_eq!(history.undo(&mut file), Some(label));
        assert_eq!(file, states[k], "after undoing back to state {k}");
        assert_eq!(write::to_json(&file), write::to_json(&states[k]));
    }
    assert!(!history.can_undo());
    assert_eq!(history.undo(&mut file), None);
    assert_eq!(file, states[0]);
    for (k, state) in states.iter().enumerate().skip(1) {
        assert!(history.can_redo());
        assert!(history.redo(&mut file).is_some());
        assert_eq!(&file, state, "after redoing to state {k}");
    }
    assert!(!history.can_redo());
    assert_eq!(history.redo(&mut file), None);
}

#[test]
fn capacity_drops_the_oldest_steps() {
    let mut file = file_with(20);
    let mut history = History::new();
    assert_eq!(history.capacity(), DEFAULT_CAPACITY);
    let mut states = vec![file.clone()];
    for i in 0..250 {
        history.apply(&mut file, |f| some_edit(f, i)).unwrap();
        states.push(file.clone());
    }
    assert_eq!(history.undo_len(), 200);
    let mut undone = 0;
    while history.undo(&mut file).is_some() {
        undone += 1;
    }
    assert_eq!(undone, 200);
    // Back to the state before the 200 latest edits, not to the start.
    assert_eq!(file, states[50]);
    assert_ne!(file, states[0]);

    let mut small = History::with_capacity(3);
    let mut f = file_with(3);
    for i in 0..5 {
        small.apply(&mut f, |f| some_edit(f, i)).unwrap();
    }
    assert_eq!(small.undo_len(), 3);
    small.set_capacity(1);
    assert_eq!(small.undo_len(), 1);
}

#[test]
fn labels_follow_the_edits_and_a_new_edit_clears_redo() {
    let mut file = file_with(2);
    let mut history = History::new();
    assert_eq!(history.undo_label(), None);
    history
        .apply(&mut file, |f| edit::add_group(f, "Ops"))
        .unwrap();
    history
        .apply(&mut file, |f| edit::rename_user(f, "user00000", "alice"))
        .unwrap();
    assert_eq!(
        history.undo_labels().collect::<Vec<_>>(),
        ["renamed user user00000 to alice", "added group Ops"]
    );
    assert_eq!(
        history.undo(&mut file).as_deref(),
        Some("renamed user user00000 to alice")
    );
    assert_eq!(
        history.redo_label(),
        Some("renamed user user00000 to alice")
    );
    assert_eq!(history.undo_label(), Some("added group Ops"));
    history
        .apply(&mut file, |f| edit::add_group(f, "QA"))
        .unwrap();
    assert!(!history.can_redo());
    assert_eq!(history.redo(&mut file), None);
    assert_eq!(file.users[0].user_name, "user00000");
}

#[test]
fn failed_and_empty_edits_record_nothing_and_leave_the_file() {
    let mut file = file_with(2);
    let before = file.clone();
    let mut history = History::new();
    let err = history.apply(&mut file, |f| edit::rename_user(f, "nobody", "x"));
    assert!(err.is_err());
    // A closure that changes the file and then fails is rolled back.
    let err: Result<String, &str> = history.apply(&mut file, |f| {
        f.users.clear();
        Err("changed my mind")
    });
    assert_eq!(err, Err("changed my mind"));
    assert_eq!(file, before);
    // An edit that changes nothing is not a step.
    history
        .apply(&mut file, |f| edit::set_groups(f, "user00000", &["Dev"]))
        .unwrap();
    assert!(!history.can_undo());
    assert!(!history.record("nothing", &before, &file));
}

#[test]
fn undo_after_hashing_a_bulk_run_restores_the_plaintext() {
    let mut file = file_with(12);
    let mut history = History::new();
    for i in 0..12 {
        let name = file.users[i].user_name.clone();
        history
            .apply(&mut file, |f| {
                edit::set_password(f, &name, &format!("secret{i}"), PasswordStorage::Plaintext)
            })
            .unwrap();
    }
    let plaintext = file.clone();
    // Hash in chunks, as the browser does, and record the run once.
    let before = file.clone();
    let jobs = edit::plaintext_passwords(&file);
    for chunk in jobs.chunks(5) {
        let hashes: Vec<_> = chunk
            .iter()
            .map(|(i, p)| (*i, password::hash(p).unwrap()))
            .collect();
        edit::apply_hashes(&mut file, hashes);
    }
    assert_eq!(file.plaintext_count(), 0);
    assert!(history.record("hashed 12 passwords", &before, &file));
    let hashed = file.clone();

    assert_eq!(
        history.undo(&mut file).as_deref(),
        Some("hashed 12 passwords")
    );
    assert_eq!(file, plaintext);
    assert_eq!(file.plaintext_count(), 12);
    assert_eq!(file.users[3].password.as_deref(), Some("secret3"));
    assert_eq!(file.users[3].password_bytes, None);
    history.redo(&mut file).unwrap();
    assert_eq!(file, hashed);
    assert!(password::verify("secret3", &file.users[3]));
}

#[test]
fn one_user_edit_on_10000_users_stores_one_user() {
    let mut file = file_with(10_000);
    let mut history = History::new();
    history
        .apply(&mut file, |f| {
            edit::set_email(f, "user05000", Some("new@example.com"))
        })
        .unwrap();
    assert_eq!(history.stored_users(), 1);
    history
        .apply(&mut file, |f| edit::add_user(f, User::new("zed")))
        .unwrap();
    assert_eq!(history.stored_users(), 1); // an add stores nothing to undo it
    history
        .apply(&mut file, |f| edit::remove_user(f, "user00007"))
        .unwrap();
    assert_eq!(history.stored_users(), 2);
    // Undo swaps sides: the undone removal holds nothing, as its redo
    // only removes.
    history.undo(&mut file).unwrap();
    assert_eq!(history.stored_users(), 1);
    assert_eq!(file.users.len(), 10_001);
    assert_eq!(file.users[7].user_name, "user00007");
    // A group declared changes no user.
    history
        .apply(&mut file, |f| edit::add_group(f, "Ops"))
        .unwrap();
    assert_eq!(history.stored_users(), 1);
}

#[test]
fn hashing_spread_over_50000_users_stores_only_the_users_hashed() {
    // Every 50th user, as a bulk reset of 1,000 accounts in a directory
    // would touch them: the step holds those 1,000, not the 49,951 users
    // between the first and the last.
    let mut file = file_with(50_000);
    for i in (0..50_000).step_by(50) {
        file.users[i].set_plaintext_password(format!("secret{i}"));
    }
    let plaintext = file.clone();
    let mut history = History::new();
    let hashes: Vec<_> = edit::plaintext_passwords(&file)
        .into_iter()
        .map(|(i, _)| {
            let hash = password::PasswordHash {
                password_bytes: format!("hash{i}"),
                salt_bytes: "salt".into(),
            };
            (i, hash)
        })
        .collect();
    edit::apply_hashes(&mut file, hashes);
    assert!(history.record("hashed 1,000 passwords", &plaintext, &file));
    assert_eq!(history.stored_users(), 1_000);
    let hashed = file.clone();
    history.undo(&mut file).unwrap();
    assert_eq!(file, plaintext);
    assert_eq!(history.stored_users(), 1_000);
    history.redo(&mut file).unwrap();
    assert_eq!(file, hashed);
}

#[test]
fn record_users_keeps_the_users_as_they_were_before_the_parts() {
    let mut file = file_with(6);
    let original = file.clone();
    let mut history = History::new();
    // Three parts; each keeps the users it is about to change. User 4 is
    // kept twice (the first keeping, before any change, is the one that
    // counts), user 1 is kept but left unchanged, and a position beyond
    // the file is ignored.
    let mut before = vec![(4, file.users[4].clone()), (1, file.users[1].clone())];
    file.users[4].set_email_address(Some("first@example.com".into()));
    before.push((4, file.users[4].clone()));
    before.push((0, file.users[0].clone()));
    file.users[4].set_email_address(Some("second@example.com".into()));
    file.users[0].set_display_name(Some("Zero".into()));
    before.push((99, User::new("ghost")));
    let changed = file.clone();
    assert!(history.record_users("two users", before, &file));
    assert_eq!(history.stored_users(), 2);
    assert_eq!(history.undo(&mut file).as_deref(), Some("two users"));
    assert_eq!(file, original);
    history.redo(&mut file).unwrap();
    assert_eq!(file, changed);
    // Users kept but unchanged record nothing.
    let same = vec![(2, file.users[2].clone())];
    assert!(!history.record_users("nothing", same, &file));
    assert_eq!(history.undo_len(), 1);
}

#[test]
fn root_fields_and_style_are_undone_too() {
    let text = "\u{feff}{\r\n  \"users\": [],\r\n  \"groups\": [],\r\n  \"extra\": 1\r\n}";
    let mut file = parse::parse_str(text).unwrap().file;
    let original = write::to_json(&file);
    let other = parse::parse_str("{\"users\":[{\"userName\":\"a\"}],\"groups\":[\"g\"]}")
        .unwrap()
        .file;
    let mut history = History::new();
    let before = file.clone();
    file = other.clone();
    assert!(history.record("opened another", &before, &file));
    history.undo(&mut file).unwrap();
    assert_eq!(write::to_json(&file), original);
    history.redo(&mut file).unwrap();
    assert_eq!(file, other);
}

#[test]
fn a_step_that_does_not_fit_the_file_is_refused() {
    let mut file = file_with(5);
    let mut history = History::new();
    history
        .apply(&mut file, |f| edit::set_email(f, "user00004", None))
        .unwrap();
    file.users.truncate(2); // changed behind the history's back
    let before = file.clone();
    assert_eq!(history.undo(&mut file), None);
    assert_eq!(file, before);
}

#[test]
fn debug_never_shows_plaintext() {
    let mut file = file_with(1);
    let mut history = History::new();
    history
        .apply(&mut file, |f| {
            edit::set_password(f, "user00000", "hunter2", PasswordStorage::Plaintext)
        })
        .unwrap();
    history
        .apply(&mut file, edit::hash_plaintext_passwords)
        .unwrap();
    let debug = format!("{history:?}");
    assert!(!debug.contains("hunter2"));
    assert!(debug.contains("hashed 1 password"));
}
