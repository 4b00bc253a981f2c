//! Figures for the command-line tool on a directory-shaped file, run as a
//! user runs it (the built binary, real files): `cargo bench -p
//! proget-users`. `PROGET_BENCH_USERS` sets the size (50,000 by default);
//! `PROGET_BENCH_ONLY=reset` runs one command.
//!
//! `reset --all` measures PBKDF2 on every core above all (10,000 rounds of
//! HMAC-SHA1 per user); `check-plaintext` measures scoring a plaintext
//! password for every user (zxcvbn, on every core); the other commands
//! measure reading, editing and writing the file.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let users: usize = std::env::var("PROGET_BENCH_USERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000);
    let only = std::env::var("PROGET_BENCH_ONLY").ok();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let text = proget_users_core::sample::directory(users);
    std::fs::write(dir.path().join("users.json"), &text).expect("the sample is written");
    let other = proget_users_core::sample::directory(users)
        .replace("\"userName\": \"user", "\"userName\": \"other");
    std::fs::write(dir.path().join("other.json"), other).expect("the sample is written");
    std::fs::write(dir.path().join("plaintext.json"), plaintext(&text))
        .expect("the sample is written");
    println!(
        "{users} users, {:.1} MiB, {} cores",
        text.len() as f64 / (1024.0 * 1024.0),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let runs: [(&str, &[&str]); 7] = [
        ("check", &["check", "users.json"]),
        ("check-plaintext", &["check", "plaintext.json"]),
        (
            "edit",
            &[
                "edit",
                "users.json",
                "-o",
                "out.json",
                "add-group",
                "Bench",
                ";",
                "join-group",
                "Bench",
                "user00001",
                "user00002",
                ";",
                "remove-user",
                "user00003",
            ],
        ),
        ("export-csv", &["export-csv", "users.json", "-o", "out.csv"]),
        (
            "diff",
            &["diff", "users.json", "out.json", "--delete-missing"],
        ),
        (
            "merge",
            &[
                "merge",
                "users.json",
                "other.json",
                "-o",
                "out.json",
                "--prefer",
                "ours",
            ],
        ),
        (
            "reset",
            &[
                "reset",
                "users.json",
                "--all",
                "-o",
                "out.json",
                "--credentials",
                "sheet.csv",
            ],
        ),
    ];
    for (name, args) in runs {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let seconds = time(dir.path(), args);
        println!("{name:<16} {seconds:>8.2} s");
    }
}

/// The sample with a plaintext password for every user where its hash
/// stood: the base64 of the hash (strong), and for one user in ten the user
/// name with a digit (weak), so `check` scores every one.
fn plaintext(sample: &str) -> String {
    let mut out = String::with_capacity(sample.len());
    let mut user = "";
    for line in sample.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("\"userName\": \"") {
            user = name.trim_end_matches("\",");
        }
        if trimmed.starts_with("\"saltBytes\"") {
            continue;
        }
        if let Some(hash) = trimmed.strip_prefix("\"passwordBytes\": \"") {
            let hash = hash.trim_end_matches("\",");
            let weak = user.ends_with('0');
            let password = if weak {
                format!("{user}1")
            } else {
                hash.to_owned()
            };
            out.push_str(&format!("      \"password\": \"{password}\",\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Runs the tool once in `dir` and gives the wall-clock seconds.
fn time(dir: &Path, args: &[&str]) -> f64 {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_proget-users"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    seconds
}
