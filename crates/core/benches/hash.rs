//! How close one core's PBKDF2 comes to the hardware's limit.
//!
//! ```text
//! cargo bench -p proget-users-core --bench hash
//! ```
//!
//! A ProGet hash is 10,000 PBKDF2 rounds of two HMAC-SHA1s: 20,000 SHA-1
//! compressions of one 64-byte block. The limit is therefore 20,000 times
//! the time of one raw compression, measured here in the same run with the
//! same `sha1::compress` the fast path uses (SHA-NI where the processor has
//! it). Prints milliseconds per hash for every path and each one's ratio to
//! that limit; asserts only that every path gives the reference's bytes.

use proget_users_core::password::{self, lanes, reference, scalar, ITERATIONS};
use std::hint::black_box;
use std::time::Instant;

/// Hashes per path and run, and runs per path (the best run counts: the
/// machine is shared, and the fastest run is the one least disturbed).
const HASHES: usize = 200;
const RUNS: usize = 5;
/// Raw compressions per run for the limit.
const COMPRESSIONS: usize = 2_000_000;

fn main() {
    let sha_ni = cfg!(any(target_arch = "x86", target_arch = "x86_64"))
        && std::fs::read_to_string("/proc/cpuinfo").is_ok_and(|c| c.contains(" sha_ni"));
    println!(
        "PBKDF2-HMAC-SHA1, {ITERATIONS} rounds = {} compressions a hash; SHA-NI: {}",
        2 * ITERATIONS,
        if sha_ni { "yes" } else { "no" }
    );

    let limit_ns = best(|| {
        let mut state = [
            0x6745_2301u32,
            0xEFCD_AB89,
            0x98BA_DCFE,
            0x1032_5476,
            0xC3D2_E1F0,
        ];
        let block = [[0x5a; 64].into()];
        let started = Instant::now();
        for _ in 0..COMPRESSIONS {
            sha1::compress(black_box(&mut state), black_box(&block));
        }
        black_box(state);
        started.elapsed().as_secs_f64() * 1e9 / COMPRESSIONS as f64
    });
    let limit_ms = limit_ns * f64::from(2 * ITERATIONS) / 1e6;
    println!("one raw compression: {limit_ns:.1} ns  ->  limit {limit_ms:.3} ms a hash");

    let salt = [0xb0, 0x16, 0x86, 0xa8, 0x32, 0xe7, 0x4f, 0x29, 0x05, 0x19];
    let passwords: Vec<String> = (0..HASHES)
        .map(|i| format!("correct horse battery staple {i}"))
        .collect();
    let expected: Vec<[u8; 20]> = passwords
        .iter()
        .map(|p| reference::derive(p.as_bytes(), &salt))
        .collect();
    let jobs: Vec<(&[u8], &[u8])> = passwords
        .iter()
        .map(|p| (p.as_bytes(), salt.as_slice()))
        .collect();

    type Path<'a> = (&'a str, Box<dyn Fn() -> Vec<[u8; 20]> + 'a>);
    let paths: Vec<Path> = vec![
        (
            "reference (RustCrypto pbkdf2_hmac::<Sha1>)",
            Box::new(|| jobs.iter().map(|(p, s)| reference::derive(p, s)).collect()),
        ),
        (
            "scalar: raw sha1::compress (password::hash)",
            Box::new(|| jobs.iter().map(|(p, s)| scalar::derive(p, s)).collect()),
        ),
        (
            "lanes::<u32>: portable, constants folded",
            Box::new(|| lanes::derive_all::<u32>(&jobs)),
        ),
        (
            "password::derive_many (this target's batch path)",
            Box::new(|| password::derive_many(&jobs)),
        ),
    ];
    for (name, path) in &paths {
        let ms = best(|| {
            let started = Instant::now();
            let keys = black_box(path());
            let ms = started.elapsed().as_secs_f64() * 1e3 / HASHES as f64;
            assert_eq!(keys, expected, "{name} differs from the reference");
            ms
        });
        println!(
            "{name:<52} {ms:>7.3} ms a hash  {:>5.2}x the limit",
            ms / limit_ms
        );
    }
}

/// The smallest of [`RUNS`] measurements.
fn best(mut run: impl FnMut() -> f64) -> f64 {
    (0..RUNS).map(|_| run()).fold(f64::INFINITY, f64::min)
}
