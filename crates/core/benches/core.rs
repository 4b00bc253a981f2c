//! How fast the core is: milliseconds per password hash, and for a
//! generated 50,000-user file the time to read, write, check and plan it.
//!
//! ```text
//! cargo bench --bench core
//! ```
//!
//! It prints figures and asserts nothing about them: speed targets belong
//! here, not in timed tests.

use proget_users_core::model::{User, UsersFile};
use proget_users_core::parse::parse;
use proget_users_core::password;
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::validate::validate;
use proget_users_core::write::to_json;
use std::hint::black_box;
use std::time::{Duration, Instant};

const HASHES: u32 = 50;
const USERS: usize = 50_000;
const GROUPS: usize = 200;
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

    let file = generated(USERS);
    let text = to_json(&file);
    println!(
        "file: {USERS} users, {GROUPS} groups, {:.1} MB",
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

/// A deterministic pseudo-random stream (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.next() as u8)
    }
}

/// A file shaped like a large ProGet export: hashed passwords (random
/// bytes; hashing 50,000 passwords would measure PBKDF2, not the file),
/// emails for most users, one to three groups each.
fn generated(users: usize) -> UsersFile {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut file = UsersFile::new();
    file.groups = (0..GROUPS).map(|g| format!("Group {g:03}")).collect();
    for i in 0..users {
        let mut user = User::new(format!("user{i:05}"));
        user.set_display_name(Some(format!("User Number {i}")));
        if i % 4 != 0 {
            user.set_email_address(Some(format!("user{i}@example.com")));
        }
        user.set_password_hash(b64.encode(rng.bytes::<20>()), b64.encode(rng.bytes::<10>()));
        let groups = (0..1 + rng.next() % 3)
            .map(|_| file.groups[(rng.next() % GROUPS as u64) as usize].clone())
            .collect::<std::collections::BTreeSet<_>>();
        user.set_groups(groups.into_iter().collect());
        file.users.push(user);
    }
    file
}

/// The "server" side of the plan: a copy with every 10th user missing,
/// every 7th renamed in display, every 13th in other groups, and extras.
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
        .extend((0..1000).map(|i| User::new(format!("gone{i}"))));
    server.groups.push("Retired".into());
    server
}
