//! Linear at any size: every bulk operation on a file of 100,000 users
//! (twice a large real directory). Each finishes in about a second in a
//! test build; a lookup by scanning, as the operations once did, makes
//! each of them take some 5 x 10^9 steps — minutes each — so a quadratic
//! regression shows as a suite that does not finish, without any timed
//! assertion. (`benches/ops.rs` prints the figures.)
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::password::PasswordHash;
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::validate::validate;
use proget_users_core::{csv, edit, merge};

const USERS: usize = 100_000;

/// A directory of `n` users in 100 groups, named with upper-case letters
/// (so folding them allocates, as real names do).
fn directory(n: usize, prefix: &str) -> UsersFile {
    let mut file = UsersFile::new();
    file.groups = (0..100).map(|g| format!("Group {g}")).collect();
    file.users = (0..n)
        .map(|i| {
            let mut user = User::new(format!("{prefix}User{i:06}"));
            user.set_email_address(Some(format!("user{i}@example.com")));
            user.set_groups(vec![format!("Group {}", i % 100)]);
            user
        })
        .collect();
    file
}

fn names(file: &UsersFile) -> Vec<String> {
    file.users.iter().map(|u| u.user_name.clone()).collect()
}

#[test]
fn bulk_edits_of_every_user_are_linear() {
    let file = directory(USERS, "");
    let names = names(&file);
    let all: Vec<&str> = names.iter().map(String::as_str).collect();

    let mut f = file.clone();
    let change = edit::join_group(&mut f, &all, "Everyone").unwrap();
    assert_eq!(
        change.to_string(),
        format!("added {USERS} users to Everyone")
    );
    let change = edit::leave_group(&mut f, &all, "Everyone").unwrap();
    assert_eq!(
        change.to_string(),
        format!("removed {USERS} users from Everyone")
    );
    assert_eq!(f, {
        let mut g = file.clone();
        g.groups.push("Everyone".into());
        g
    });
    edit::remove_users(&mut f, &all[1..]).unwrap();
    assert_eq!(f.users.len(), 1);
}

#[test]
fn generating_and_setting_every_password_is_linear() {
    let file = directory(USERS, "");
    let names = names(&file);
    let all: Vec<&str> = names.iter().map(String::as_str).collect();
    let policy = PasswordPolicy {
        length: 8,
        ..PasswordPolicy::default()
    };
    let sheet = generate::new_credentials(&file, &all, &policy).unwrap();
    assert_eq!(sheet.len(), USERS);
    let hash = PasswordHash {
        password_bytes: "6R53UEz8LiA/yIyaWf0HAbc9zQ4=".into(),
        salt_bytes: "sBaGqDLnTykFGQ==".into(),
    };
    let mut f = file.clone();
    let hashes = sheet
        .iter()
        .map(|c| (c.user_name.clone(), hash.clone()))
        .collect();
    let done = generate::apply_reset(&mut f, hashes).unwrap();
    assert_eq!(done.users.len(), USERS);
    let text = generate::credentials_csv(&sheet);
    assert_eq!(text.lines().count(), USERS + 1);
}

#[test]
fn checking_planning_and_csv_are_linear() {
    let file = directory(USERS, "");
    assert_eq!(validate(&file).len(), USERS); // no password: a warning each
    let mut server = file.clone();
    server.users.reverse();
    let p = plan(
        &server,
        &file,
        PlanOptions {
            delete_missing: true,
        },
    );
    assert!(p.is_empty());
    assert_eq!(p.len(), 0);

    let text = csv::to_csv(&file, None);
    let rows = csv::parse_csv(&text).unwrap();
    assert_eq!(rows.rows.len(), USERS);
    let preview = csv::preview(&file, &rows);
    assert_eq!(preview.unchanged.len(), USERS);
    let mut empty = UsersFile::new();
    let done = csv::apply(&mut empty, &rows, csv::BadRows::Refuse).unwrap();
    assert_eq!(done.users_added.len(), USERS);
}

#[test]
fn taking_every_missing_user_is_linear() {
    let theirs = directory(USERS, "");
    let mut ours = directory(USERS / 2, "OURS");
    let cmp = merge::compare(&ours, &theirs);
    assert_eq!(cmp.only_theirs.len(), USERS);
    let taken = merge::take_all_missing(&mut ours, &theirs);
    assert_eq!(taken.users_added.len(), USERS);
    assert_eq!(ours.users.len(), USERS + USERS / 2);
    assert!(merge::take_all_missing(&mut ours, &theirs).is_empty());
}
