//! How fast the bulk operations are on a directory-sized file: every edit
//! that the page's "select all" can start, password generation (without
//! PBKDF2, which `benches/core.rs` times on its own), checking, the import
//! plan, CSV out and in, and taking every missing user from another export.
//!
//! ```text
//! cargo bench -p proget-users-core --bench ops
//! OPS_USERS=20000 OPS_TAKE=5000 cargo bench -p proget-users-core --bench ops
//! ```
//!
//! `OPS_USERS` (default 50,000) sizes the file; `OPS_TAKE` (default
//! 20,000) sizes the two files of the take-all run; `OPS_RUNS` (default 5)
//! is how many runs each figure is the best of (the machine is shared: the
//! best run is the one least disturbed). It prints figures and asserts
//! nothing about them: speed targets belong here, not in timed tests. An
//! edit runs on a fresh copy each time, and the copy is not counted.

use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::model::UsersFile;
use proget_users_core::password::PasswordHash;
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::validate::validate;
use proget_users_core::{csv, edit, merge, parse, sample};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let users = size("OPS_USERS", 50_000);
    let take = size("OPS_TAKE", 20_000);
    let file = parse::parse(sample::directory(users).as_bytes())
        .expect("the sample reads")
        .file;
    let names: Vec<String> = file.users.iter().map(|u| u.user_name.clone()).collect();
    let all: Vec<&str> = names.iter().map(String::as_str).collect();
    println!("ops on {users} users ({} groups)", sample::GROUPS);

    let joined = on_copy(&file, "edit::join_group (all users)", |f| {
        edit::join_group(f, &all, "Everyone").map(|_| ())
    });
    on_copy(&joined, "edit::leave_group (all users)", |f| {
        edit::leave_group(f, &all, "Everyone").map(|_| ())
    });
    on_copy(&file, "edit::remove_users (all users)", |f| {
        edit::remove_users(f, &all).map(|_| ())
    });

    // PBKDF2 left out: a fixed hash stands for each one computed.
    let cheap = PasswordHash {
        password_bytes: "6R53UEz8LiA/yIyaWf0HAbc9zQ4=".into(),
        salt_bytes: "sBaGqDLnTykFGQ==".into(),
    };
    let policy = PasswordPolicy::default();
    let credentials = best(
        "generate::new_credentials (all users, 20 characters)",
        || generate::new_credentials(&file, &all, &policy).expect("passwords"),
    );
    on_copy(
        &file,
        "generate::apply_reset (all users, hashes given)",
        |f| {
            let hashes = credentials
                .iter()
                .map(|c| (c.user_name.clone(), cheap.clone()))
                .collect();
            generate::apply_reset(f, hashes).map(|_| ())
        },
    );
    let mut plain = file.clone();
    for user in &mut plain.users {
        user.set_plaintext_password("pw".into());
    }
    on_copy(
        &plain,
        "edit::apply_hashes (all users, hashes given)",
        |f| {
            let jobs = edit::plaintext_passwords(f);
            edit::apply_hashes(f, jobs.into_iter().map(|(i, _)| (i, cheap.clone())));
            Ok::<_, ()>(())
        },
    );

    let findings = best("validate", || validate(black_box(&file)));
    println!("  ({} findings)", findings.len());
    let server = modified(&file);
    let options = PlanOptions {
        delete_missing: true,
    };
    let changes = best("plan", || {
        plan(black_box(&server), black_box(&file), options)
    });
    best("plan + len", || {
        plan(black_box(&server), black_box(&file), options).len()
    });
    println!("  ({} plan lines)", changes.len());

    let text = best("csv::to_csv (all users)", || csv::to_csv(&file, None));
    let rows = best("csv::parse_csv", || csv::parse_csv(&text).expect("csv"));
    best("csv::preview (every user unchanged)", || {
        csv::preview(&file, &rows)
    });
    on_copy(&file, "csv::apply_with_hashes (no passwords)", |f| {
        csv::apply_with_hashes(f, &rows, csv::BadRows::Refuse, Vec::new()).map(|_| ())
    });

    let theirs = parse::parse(sample::directory(take).as_bytes())
        .expect("the sample reads")
        .file;
    let mut ours = theirs.clone();
    ours.users
        .retain(|u| !u.user_name.ends_with(['1', '3', '5', '7', '9']));
    println!(
        "take-all: ours {} users, theirs {take} ({} missing from ours)",
        ours.users.len(),
        take - ours.users.len()
    );
    best("merge::compare", || merge::compare(&ours, &theirs));
    on_copy(&ours, "merge::take_all_missing", |f| {
        merge::take_all_missing(f, &theirs);
        Ok::<_, ()>(())
    });
}

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runs() -> usize {
    size("OPS_RUNS", 5).max(1)
}

/// Runs `f` [`runs`] times, prints the best time, and returns the last
/// result.
fn best<T>(label: &str, mut f: impl FnMut() -> T) -> T {
    let mut fastest = Duration::MAX;
    let mut result = None;
    for _ in 0..runs() {
        settle();
        let started = Instant::now();
        let r = black_box(f());
        fastest = fastest.min(started.elapsed());
        result = Some(r);
    }
    println!("{label}: {:.1} ms", fastest.as_secs_f64() * 1000.0);
    result.expect("at least one run")
}

/// Runs an edit on fresh copies of `file` (the copy not timed), prints the
/// best time, and returns the file the last run left.
fn on_copy<E: std::fmt::Debug>(
    file: &UsersFile,
    label: &str,
    mut edit: impl FnMut(&mut UsersFile) -> Result<(), E>,
) -> UsersFile {
    let mut fastest = Duration::MAX;
    let mut out = file.clone();
    for _ in 0..runs() {
        let mut copy = file.clone();
        settle();
        let started = Instant::now();
        edit(&mut copy).expect("the edit works");
        fastest = fastest.min(started.elapsed());
        out = copy;
    }
    println!("{label}: {:.1} ms", fastest.as_secs_f64() * 1000.0);
    out
}

/// Lets the allocator tidy up what the last run and the copy freed (glibc
/// merges its freed small blocks at the next large request), so that the
/// timed run does not pay for freeing the one before it.
fn settle() {
    drop(black_box(Vec::<u8>::with_capacity(64 * 1024)));
}

/// The "server" side of the plan: a copy with every 10th user missing,
/// every 7th with another display name, every 13th in other groups, and
/// 1,000 users the import lacks.
fn modified(file: &UsersFile) -> UsersFile {
    let mut server = file.clone();
    server.users = server
        .users
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(i, mut user)| {
            if i % 7 == 0 {
                user.set_display_name(Some(format!("Old Name {i}")));
            }
            if i % 13 == 0 {
                user.set_groups(vec!["Retired".into()]);
            }
            user
        })
        .collect();
    server
        .users
        .extend((0..1000).map(|i| proget_users_core::model::User::new(format!("gone{i}"))));
    server.groups.push("Retired".into());
    server
}
