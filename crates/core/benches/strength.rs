//! How long weak-password warnings take: milliseconds per password for
//! zxcvbn's first call (which builds its dictionaries), for typical
//! passwords, and for a file of plaintext passwords.
//!
//! ```text
//! cargo bench --bench strength
//! ```
//!
//! It prints figures and asserts nothing about them.

use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::parse::parse_str;
use proget_users_core::strength::{assess, weak_passwords, Owner};
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: usize = 200;
const USERS: usize = 5_000;

fn main() {
    let owner = Owner {
        user_name: "jDoe",
        display_name: Some("John Doe"),
        email_address: Some("john.doe@example.com"),
    };
    let started = Instant::now();
    black_box(assess(black_box("first call"), &owner));
    println!(
        "first call (builds the dictionaries): {:.1} ms",
        ms(started.elapsed())
    );

    let generated: Vec<String> = (0..RUNS)
        .map(|_| generate::generate(&PasswordPolicy::default()).unwrap())
        .collect();
    let typed = [
        "password",
        "Summer2024!",
        "JDoe2024!",
        "correct horse battery staple",
        "Tr0ub4dor&3",
        "P@ssw0rd123",
        "JohnDoe1234",
        "letmein",
    ];
    for (what, passwords) in [
        (
            "generated (20 characters)",
            generated.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
        ("typed (8 common shapes)", typed.to_vec()),
    ] {
        let started = Instant::now();
        let mut weak = 0;
        for i in 0..RUNS {
            weak +=
                usize::from(assess(black_box(passwords[i % passwords.len()]), &owner).is_some());
        }
        println!(
            "{what}: {:.3} ms per password ({weak} of {RUNS} weak)",
            ms(started.elapsed()) / RUNS as f64
        );
    }

    let users: Vec<String> = (0..USERS)
        .map(|i| {
            let password = if i % 2 == 0 {
                format!("user{i}pass")
            } else {
                generated[i % RUNS].clone()
            };
            format!(
                r#"{{"userName": "user{i}", "displayName": "User {i}", "password": "{password}"}}"#
            )
        })
        .collect();
    let file = parse_str(&format!(r#"{{"users": [{}]}}"#, users.join(",")))
        .unwrap()
        .file;
    let started = Instant::now();
    let weak = weak_passwords(black_box(&file));
    let elapsed = started.elapsed();
    println!(
        "weak_passwords: {USERS} plaintext passwords (half weak) in {:.0} ms, {:.3} ms per password, {} weak",
        ms(elapsed),
        ms(elapsed) / USERS as f64,
        weak.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
