//! ProGet's password hashing: the known vectors, fresh salts, verification,
//! and every fast path equal to RustCrypto's reference bit for bit.
#![cfg(not(target_arch = "wasm32"))]

mod random_passwords;
mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proget_users_core::model::User;
use proget_users_core::password::lanes::{self, Quad};
use proget_users_core::password::{
    self, batch, check, decode, derive, hash_with_salt, verify, verify_hash, PasswordError,
    ITERATIONS, KEY_LEN, SALT_LEN,
};
use serde_json::Value;

struct Vector {
    password: String,
    salt_bytes: String,
    password_bytes: String,
}

fn vectors() -> Vec<Vector> {
    let doc: Value = serde_json::from_str(include_str!("fixtures/password-vectors.json")).unwrap();
    let scheme = &doc["scheme"];
    assert_eq!(scheme["kdf"], "PBKDF2-HMAC-SHA1");
    assert_eq!(scheme["iterations"].to_string(), ITERATIONS.to_string());
    assert_eq!(scheme["derivedKeyBytes"].to_string(), KEY_LEN.to_string());
    assert_eq!(scheme["saltBytes"].to_string(), SALT_LEN.to_string());
    let vectors: Vec<Vector> = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Vector {
            password: v["password"].as_str().unwrap().to_owned(),
            salt_bytes: v["saltBytes"].as_str().unwrap().to_owned(),
            password_bytes: v["passwordBytes"].as_str().unwrap().to_owned(),
        })
        .collect();
    assert!(vectors.len() >= 3, "the vectors file lost its vectors");
    vectors
}

fn user_with(password_bytes: &str, salt_bytes: &str) -> User {
    let mut user = User::new("u");
    user.set_password_hash(password_bytes.into(), salt_bytes.into());
    user
}

#[test]
fn every_known_vector_hashes_to_its_password_bytes() {
    for v in vectors() {
        let salt = decode(&v.salt_bytes).unwrap();
        let hash = hash_with_salt(&v.password, &salt);
        assert_eq!(hash.password_bytes, v.password_bytes, "{:?}", v.password);
        assert_eq!(hash.salt_bytes, v.salt_bytes);
        assert_eq!(
            STANDARD.encode(derive(&v.password, &salt)),
            v.password_bytes
        );
    }
}

#[test]
fn every_known_vector_verifies_and_near_misses_do_not() {
    for v in vectors() {
        let user = user_with(&v.password_bytes, &v.salt_bytes);
        assert!(verify(&v.password, &user), "{:?}", v.password);
        assert_eq!(check(&v.password, &user), Ok(true));
        assert_eq!(
            verify_hash(&v.password, &v.password_bytes, &v.salt_bytes),
            Ok(true)
        );
        let mut wrong_case = v.password.to_uppercase();
        if wrong_case == v.password {
            wrong_case = v.password.to_lowercase();
        }
        for wrong in [
            String::new(),
            format!("{} ", v.password),
            {
                let mut shorter = v.password.clone();
                shorter.pop();
                shorter
            },
            wrong_case,
        ] {
            assert!(!verify(&wrong, &user), "{wrong:?} must not verify");
            assert_eq!(check(&wrong, &user), Ok(false));
        }
    }
}

#[test]
fn the_example_export_admin_has_the_default_password() {
    let file =
        proget_users_core::parse::parse(proget_users_core::sample::EXAMPLE_EXPORT.as_bytes())
            .unwrap()
            .file;
    assert!(verify("Admin", file.user("Admin").unwrap()));
    assert!(!verify("admin", file.user("Admin").unwrap()));
}

#[test]
fn each_hash_gets_a_fresh_salt() {
    support::assert_fresh_salts();
}

#[test]
fn a_stored_hash_of_another_length_never_verifies() {
    // A longer or shorter passwordBytes is not ProGet's 20-byte key, even
    // when it is a longer or shorter PBKDF2 output of the right password:
    // ProGet compares the whole 20 bytes, and so must we (in constant time).
    let v = &vectors()[0];
    let salt = decode(&v.salt_bytes).unwrap();
    for len in [1, 2, 16, 19, 21, 32, 64] {
        let mut longer = vec![0u8; len];
        pbkdf2::pbkdf2_hmac::<sha1::Sha1>(v.password.as_bytes(), &salt, ITERATIONS, &mut longer);
        let stored = STANDARD.encode(&longer);
        assert_eq!(
            verify_hash(&v.password, &stored, &v.salt_bytes),
            Ok(false),
            "a {len}-byte passwordBytes verified"
        );
        assert!(!verify(&v.password, &user_with(&stored, &v.salt_bytes)));
    }
    assert_eq!(verify_hash(&v.password, "", &v.salt_bytes), Ok(false));
}

#[test]
fn checking_without_a_usable_hash_says_why() {
    assert_eq!(check("x", &User::new("v")), Err(PasswordError::NoHash));
    let mut only_bytes = User::new("v");
    only_bytes.password_bytes = Some("6R53UEz8LiA/yIyaWf0HAbc9zQ4=".into());
    assert_eq!(check("Admin", &only_bytes), Err(PasswordError::NoHash));
    assert!(!verify("Admin", &only_bytes));
    let bad_salt = user_with("6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "%%%");
    assert_eq!(
        check("Admin", &bad_salt),
        Err(PasswordError::Base64 { field: "saltBytes" })
    );
    assert!(!verify("Admin", &bad_salt));
    let bad_bytes = user_with("6R53UEz8LiA/yIyaWf0HAbc9zQ4", "sBaGqDLnTykFGQ==");
    assert_eq!(
        check("Admin", &bad_bytes),
        Err(PasswordError::Base64 {
            field: "passwordBytes"
        })
    );
    assert_eq!(
        PasswordError::NoHash.to_string(),
        "the user has no password hash"
    );
    // A plaintext password is not a hash to check against.
    let mut plain = User::new("p");
    plain.set_plaintext_password("Admin".into());
    assert_eq!(check("Admin", &plain), Err(PasswordError::NoHash));
}

/// The (password, salt) pairs of the known vectors.
fn vector_jobs() -> Vec<(Vec<u8>, Vec<u8>)> {
    vectors()
        .into_iter()
        .map(|v| (v.password.into_bytes(), decode(&v.salt_bytes).unwrap()))
        .collect()
}

fn as_refs(jobs: &[(Vec<u8>, Vec<u8>)]) -> Vec<(&[u8], &[u8])> {
    jobs.iter()
        .map(|(p, s)| (p.as_slice(), s.as_slice()))
        .collect()
}

#[test]
fn every_path_gives_the_known_vectors() {
    let vectors = vectors();
    let jobs = vector_jobs();
    let refs = as_refs(&jobs);
    let expected: Vec<String> = vectors.iter().map(|v| v.password_bytes.clone()).collect();
    let encode = |keys: Vec<[u8; KEY_LEN]>| -> Vec<String> {
        keys.iter().map(|k| STANDARD.encode(k)).collect()
    };
    let each =
        |f: fn(&[u8], &[u8]) -> [u8; KEY_LEN]| encode(refs.iter().map(|(p, s)| f(p, s)).collect());
    assert_eq!(each(password::reference::derive), expected, "reference");
    assert_eq!(each(password::scalar::derive), expected, "scalar");
    assert_eq!(
        encode(lanes::derive_all::<u32>(&refs)),
        expected,
        "u32 lanes"
    );
    assert_eq!(
        encode(lanes::derive_all::<Quad>(&refs)),
        expected,
        "four lanes"
    );
    assert_eq!(
        encode(password::derive_many(&refs)),
        expected,
        "derive_many"
    );
}

#[test]
fn the_fast_paths_equal_the_reference_on_random_passwords_and_salts() {
    // Natively a thousand (the wasm tests run ten thousand through SIMD);
    // 1,001 is not a multiple of four, so the last group is partial.
    let mut random = random_passwords::Random::new(0x5eed_0001);
    let jobs: Vec<(Vec<u8>, Vec<u8>)> = (0..1_001)
        .map(|_| (random.password().into_bytes(), random.salt()))
        .collect();
    let refs = as_refs(&jobs);
    let quad = lanes::derive_all::<Quad>(&refs);
    for (i, (p, s)) in refs.iter().enumerate() {
        let expected = password::reference::derive(p, s);
        assert_eq!(
            password::scalar::derive(p, s),
            expected,
            "scalar, job {i}: {p:?} {s:?}"
        );
        assert_eq!(quad[i], expected, "four lanes, job {i}: {p:?} {s:?}");
    }
    let u32s = lanes::derive_all::<u32>(&refs[..100]);
    for (i, (p, s)) in refs[..100].iter().enumerate() {
        assert_eq!(
            u32s[i],
            password::reference::derive(p, s),
            "u32 lanes, job {i}"
        );
    }
}

#[test]
fn keys_longer_than_a_block_and_salts_past_one_block_are_covered() {
    // HMAC hashes a key over 64 bytes first; U1 of a salt over 51 bytes
    // takes two compressions. Both edges, byte by byte.
    for len in 60..=70 {
        let password = "k".repeat(len);
        for salt_len in [0, 1, 10, 50, 51, 52, 55, 56, 64, 119] {
            let salt = vec![7u8; salt_len];
            let expected = password::reference::derive(password.as_bytes(), &salt);
            assert_eq!(derive(&password, &salt), expected, "{len} / {salt_len}");
            let refs = [(password.as_bytes(), salt.as_slice()); 3];
            for key in lanes::derive_all::<Quad>(&refs) {
                assert_eq!(key, expected, "four lanes {len} / {salt_len}");
            }
        }
    }
}

#[test]
fn many_passwords_hash_each_with_its_own_salt() {
    let passwords = ["Admin", "", "correct horse", "пароль", "Admin"];
    let hashes = password::hash_many(&passwords).unwrap();
    assert_eq!(hashes.len(), passwords.len());
    for (p, h) in passwords.iter().zip(&hashes) {
        assert_eq!(
            verify_hash(p, &h.password_bytes, &h.salt_bytes),
            Ok(true),
            "{p:?}"
        );
    }
    assert_ne!(hashes[0].salt_bytes, hashes[4].salt_bytes);
    assert_ne!(hashes[0].password_bytes, hashes[4].password_bytes);
    assert!(password::hash_many(&[]).unwrap().is_empty());
}

#[test]
fn a_packed_batch_hashes_to_verifiable_records() {
    let passwords = ["Admin", "", "ünïcødé 🔑", "x"];
    let packed = batch::Packed::new(passwords);
    assert_eq!(packed.len(), 4);
    assert_eq!(packed.ends(), &[5, 5, 21, 22]);
    let answer = batch::hash_packed(packed.bytes(), packed.ends()).unwrap();
    assert_eq!(answer.len(), 4 * batch::RECORD_LEN);
    let hashes = batch::unpack(&answer, 4).unwrap();
    for (p, h) in passwords.iter().zip(&hashes) {
        assert_eq!(
            verify_hash(p, &h.password_bytes, &h.salt_bytes),
            Ok(true),
            "{p:?}"
        );
    }
    assert_eq!(
        batch::unpack(&answer, 3),
        Err(batch::BatchError::BadAnswer {
            expected: 90,
            got: 120
        })
    );
    assert_eq!(
        batch::hash_packed(b"abc", &[2, 1]),
        Err(batch::BatchError::BadEnds)
    );
    assert_eq!(
        batch::hash_packed(b"abc", &[4]),
        Err(batch::BatchError::BadEnds)
    );
    assert_eq!(batch::hash_packed(b"", &[]), Ok(Vec::new()));
}
