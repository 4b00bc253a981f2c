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
//!
//! Each figure is timed in a process of its own (this bench starts itself
//! again with `OPS_ONLY=label`), which has read its file and done the steps
//! before, untimed, once: as a command does one edit on a file it has just
//! read. In one process, the heap that earlier runs left (glibc's free
//! lists after freeing 50,000 users again and again) made freeing users two
//! to three times as slow by the later figures. `OPS_INLINE=1` times
//! everything in one process.

use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::model::UsersFile;
use proget_users_core::password::PasswordHash;
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::validate::validate;
use proget_users_core::{csv, edit, merge, parse, sample};
use std::hint::black_box;
use std::time::{Duration, Instant};

mod support;
use support::modified;

fn main() {
    let users = size("OPS_USERS", 50_000);
    let take = size("OPS_TAKE", 20_000);
    let file = parse::parse(sample::directory(users).as_bytes())
        .expect("the sample reads")
        .file;
    let names: Vec<String> = file.users.iter().map(|u| u.user_name.clone()).collect();
    let all: Vec<&str> = names.iter().map(String::as_str).collect();
    note(format!("ops on {users} users ({} groups)", sample::GROUPS));

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
    note(format!("  ({} findings)", findings.len()));
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
    note(format!("  ({} plan lines)", changes.len()));

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
    note(format!(
        "take-all: ours {} users, theirs {take} ({} missing from ours)",
        ours.users.len(),
        take - ours.users.len()
    ));
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

/// Where a figure is timed.
enum Timing {
    /// Here, in this process (`OPS_INLINE=1`).
    Inline,
    /// In a process of its own per figure, started from this one.
    Apart,
    /// This process times only the figure so named (`OPS_ONLY`).
    Only(String),
}

fn timing() -> Timing {
    if let Ok(label) = std::env::var("OPS_ONLY") {
        Timing::Only(label)
    } else if std::env::var_os("OPS_INLINE").is_some_and(|v| v == "1") {
        Timing::Inline
    } else {
        Timing::Apart
    }
}

/// Whether to time `label` here; when it is timed in a process of its own,
/// starts that process (which prints the figure) first.
fn timed_here(label: &str) -> bool {
    match timing() {
        Timing::Inline => true,
        Timing::Only(only) => only == label,
        Timing::Apart => {
            let status = std::process::Command::new(std::env::current_exe().expect("this bench"))
                .env("OPS_ONLY", label)
                .status()
                .expect("the bench starts itself");
            assert!(status.success(), "timing {label} failed");
            false
        }
    }
}

/// Prints a line about the run (once: not in the processes that time one
/// figure each).
fn note(line: String) {
    if !matches!(timing(), Timing::Only(_)) {
        println!("{line}");
    }
}

/// In a process that times one figure: stops once it is printed.
fn done(label: &str) {
    if matches!(timing(), Timing::Only(only) if only == label) {
        std::process::exit(0);
    }
}

/// Runs `f` [`runs`] times, prints the best time, and returns the last
/// result (runs it once, untimed, when the figure is timed elsewhere).
fn best<T>(label: &str, mut f: impl FnMut() -> T) -> T {
    if !timed_here(label) {
        return black_box(f());
    }
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
    done(label);
    result.expect("at least one run")
}

/// Runs an edit on fresh copies of `file` (the copy not timed), prints the
/// best time, and returns the file the last run left.
fn on_copy<E: std::fmt::Debug>(
    file: &UsersFile,
    label: &str,
    mut edit: impl FnMut(&mut UsersFile) -> Result<(), E>,
) -> UsersFile {
    if !timed_here(label) {
        let mut copy = file.clone();
        edit(&mut copy).expect("the edit works");
        return copy;
    }
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
    done(label);
    out
}

/// Lets the allocator tidy up what the last run and the copy freed (glibc
/// merges its freed small blocks at the next large request), so that the
/// timed run does not pay for freeing the one before it.
fn settle() {
    drop(black_box(Vec::<u8>::with_capacity(64 * 1024)));
}
