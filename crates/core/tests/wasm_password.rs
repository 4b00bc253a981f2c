//! ProGet's hashes in the browser: every path (the reference, the scalar
//! one, four passwords per SIMD instruction, packed batches for the
//! workers) on the known vectors and on 10,000 random passwords and salts,
//! compiled to wasm32 with `simd128` and run in headless Chromium.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown \
//!     -p proget-users-core --test wasm_password
//! ```
#![cfg(target_arch = "wasm32")]

mod random_passwords;
mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proget_users_core::password::{
    self, batch, decode, hash_with_salt, lanes, reference, scalar, simd, KEY_LEN, SALT_LEN,
};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("fixtures/password-vectors.json");

/// (password, salt, passwordBytes) of every known vector.
fn vectors() -> Vec<(String, Vec<u8>, String)> {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let vectors: Vec<_> = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["password"].as_str().unwrap().to_owned(),
                decode(v["saltBytes"].as_str().unwrap()).unwrap(),
                v["passwordBytes"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(vectors.len() >= 3, "the vectors file lost its vectors");
    vectors
}

#[wasm_bindgen_test]
fn every_known_vector_hashes_and_verifies_in_the_browser() {
    for (pw, salt, bytes_b64) in vectors() {
        let salt_b64 = STANDARD.encode(&salt);
        let hashed = hash_with_salt(&pw, &salt);
        assert_eq!(hashed.password_bytes, bytes_b64, "{pw:?}");
        assert_eq!(hashed.salt_bytes, salt_b64);
        assert_eq!(
            password::verify_hash(&pw, &bytes_b64, &salt_b64),
            Ok(true),
            "{pw:?}"
        );
        assert_eq!(
            password::verify_hash(&format!("{pw}x"), &bytes_b64, &salt_b64),
            Ok(false)
        );
    }
}

#[wasm_bindgen_test]
fn every_path_gives_the_known_vectors_in_the_browser() {
    let vectors = vectors();
    let jobs: Vec<(&[u8], &[u8])> = vectors
        .iter()
        .map(|(p, s, _)| (p.as_bytes(), s.as_slice()))
        .collect();
    let expected: Vec<&str> = vectors.iter().map(|v| v.2.as_str()).collect();
    let check = |name: &str, keys: Vec<[u8; KEY_LEN]>| {
        let got: Vec<String> = keys.iter().map(|k| STANDARD.encode(k)).collect();
        assert_eq!(got, expected, "{name}");
    };
    check(
        "reference",
        jobs.iter().map(|(p, s)| reference::derive(p, s)).collect(),
    );
    check(
        "scalar",
        jobs.iter().map(|(p, s)| scalar::derive(p, s)).collect(),
    );
    check("u32 lanes", lanes::derive_all::<u32>(&jobs));
    check("simd", simd::derive_all(&jobs));
    check("derive_many", password::derive_many(&jobs));
}

#[wasm_bindgen_test]
async fn simd_equals_the_reference_on_ten_thousand_random_passwords() {
    // 10,001: not a multiple of four, so the last group is partial too.
    let mut random = random_passwords::Random::new(0x5eed_0002);
    let inputs: Vec<(String, Vec<u8>)> = (0..10_001)
        .map(|_| (random.password(), random.salt()))
        .collect();
    let jobs: Vec<(&[u8], &[u8])> = inputs
        .iter()
        .map(|(p, s)| (p.as_bytes(), s.as_slice()))
        .collect();
    // In slices of 400 (whole groups of four; the last slice is the one
    // partial group), handing the page back to the browser between them:
    // 30,000 hashes in one go kept the renderer from answering ChromeDriver
    // for over 30 s on a loaded machine, which failed the run.
    let mut keys = Vec::with_capacity(jobs.len());
    for slice in jobs.chunks(400) {
        keys.extend(simd::derive_all(slice));
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    assert_eq!(keys.len(), jobs.len());
    for (i, ((p, s), key)) in jobs.iter().zip(&keys).enumerate() {
        assert_eq!(
            *key,
            reference::derive(p, s),
            "job {i}: {p:?} with salt {s:?}"
        );
        if i % 400 == 399 {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }
    // The scalar path (a single hash, and `verify`) on a tenth of them.
    for (i, (p, s)) in jobs.iter().enumerate().step_by(10) {
        assert_eq!(scalar::derive(p, s), keys[i], "scalar, job {i}");
    }
}

#[wasm_bindgen_test]
fn a_packed_batch_hashes_in_the_browser() {
    let passwords = ["Admin", "", "ünïcødé 🔑", "x", "fifth in a second group"];
    let packed = batch::Packed::new(passwords);
    let answer = batch::hash_packed(packed.bytes(), packed.ends()).unwrap();
    let hashes = batch::unpack(&answer, passwords.len()).unwrap();
    for (p, h) in passwords.iter().zip(&hashes) {
        assert_eq!(
            password::verify_hash(p, &h.password_bytes, &h.salt_bytes),
            Ok(true),
            "{p:?}"
        );
        assert_eq!(decode(&h.salt_bytes).unwrap().len(), SALT_LEN);
    }
    let many = password::hash_many(&passwords).unwrap();
    assert!(many
        .iter()
        .zip(&hashes)
        .all(|(a, b)| a.salt_bytes != b.salt_bytes));
}

#[wasm_bindgen_test]
fn salts_come_fresh_from_the_browser_rng() {
    support::assert_fresh_salts();
}
