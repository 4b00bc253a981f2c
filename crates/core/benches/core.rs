//! How fast the core is: milliseconds per password hash, and for a
//! generated 50,000-user file the time to read, write, check and plan it.
//!
//! ```text
//! cargo bench --bench core
//! ```
//!
//! It prints figures and asserts nothing about them: speed targets belong
//! here, not in timed tests.

use proget_users_core::parse::parse;
use proget_users_core::password;
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::sample;
use proget_users_core::validate::validate;
use proget_users_core::write::to_json;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod support;
use support::modified;

const HASHES: u32 = 50;
const USERS: usize = 50_000;
const RUNS: u32 = 5;

fn main() {
    let started = Instant::now();
    for _ in 0..HASHES {
        black_box(password::hash(black_box("correct horse battery staple")).unwrap());
    }
    println!(
        "hash (PBKDF2-HMAC-SHA1, {} rounds): {:.2} ms per hash (average of {HASHES})",
        password::ITERATIONS,
        ms(started.elapsed()) / f64::from(HASHES)
    );

    let text = sample::directory(USERS);
    let file = parse(text.as_bytes()).unwrap().file;
    println!(
        "file: {USERS} users, {} groups, {:.1} MB",
        sample::GROUPS,
        text.len() as f64 / 1e6
    );

    // A yardstick for the figures below: serde_json alone, into a Value.
    time("serde_json::Value (baseline)", || {
        serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap()
    });
    let parsed = time("parse", || parse(black_box(text.as_bytes())).unwrap().file);
    assert_eq!(parsed, file, "the generated file did not read back as made");
    let written = time("write", || to_json(black_box(&parsed)));
    assert_eq!(
        written, text,
        "the generated file was not written back as read"
    );
    let findings = time("validate", || validate(black_box(&parsed)));
    println!("  ({} findings)", findings.len());

    let server = modified(&parsed);
    let changes = time("plan", || {
        plan(
            black_box(&server),
            black_box(&parsed),
            PlanOptions {
                delete_missing: true,
            },
        )
    });
    println!("  ({} plan lines)", changes.len());
}

/// Runs `f` [`RUNS`] times, prints the average, and returns the last result.
fn time<T>(label: &str, mut f: impl FnMut() -> T) -> T {
    let mut result = f(); // warm up
    let started = Instant::now();
    for _ in 0..RUNS {
        result = black_box(f());
    }
    println!(
        "{label}: {:.1} ms (average of {RUNS})",
        ms(started.elapsed()) / f64::from(RUNS)
    );
    result
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
