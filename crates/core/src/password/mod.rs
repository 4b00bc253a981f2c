//! ProGet's password hashing: PBKDF2-HMAC-SHA1, 10,000 iterations, a 20-byte
//! key and a 10-byte random salt, over the UTF-8 password, both stored as
//! standard padded base64 in `passwordBytes` and `saltBytes`.
//!
//! This reproduces ProGet's own export byte for byte:
//!
//! ```
//! use proget_users_core::password::hash_with_salt;
//! let salt = [0xb0, 0x16, 0x86, 0xa8, 0x32, 0xe7, 0x4f, 0x29, 0x05, 0x19];
//! let hash = hash_with_salt("Admin", &salt);
//! assert_eq!(hash.password_bytes, "6R53UEz8LiA/yIyaWf0HAbc9zQ4=");
//! assert_eq!(hash.salt_bytes, "sBaGqDLnTykFGQ==");
//! ```
//!
//! Salts come from the operating system's (or the browser's) cryptographic
//! RNG through `getrandom`; comparisons are constant-time (`subtle`).
//!
//! # How it is fast
//!
//! A hash is 10,000 PBKDF2 rounds of two HMAC-SHA1s each: 20,000 SHA-1
//! compressions of a 64-byte block, and almost nothing else once HMAC is
//! taken apart ([`pads`]: the two pad states, once per password). The
//! modules, from the slowest to the fastest:
//!
//! - [`reference`](mod@reference): RustCrypto's `pbkdf2_hmac::<Sha1>`, kept as the
//!   yardstick every other path must equal bit for bit;
//! - [`scalar`]: one password at a time on raw compressions of prepared
//!   blocks (the `sha1` crate's, with SHA-NI where the processor has it):
//!   what [`hash`] and [`derive()`] use natively;
//! - [`lanes`]: SHA-1 specialised to PBKDF2's blocks and written once over
//!   a vector of lanes, for several passwords per instruction;
//! - `simd` (wasm32 with `simd128` only): four passwords in the four
//!   32-bit lanes of a `v128`: what [`derive_many`] and [`hash_many`] use
//!   in the browser;
//! - [`batch`]: many passwords packed in one byte buffer, the message a
//!   hashing Web Worker receives, and its answer.

pub mod batch;
pub mod lanes;
pub mod pads;
pub mod reference;
pub mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd;

use crate::model::User;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;
use subtle::ConstantTimeEq;

/// PBKDF2 rounds ProGet uses.
pub const ITERATIONS: u32 = 10_000;
/// Length of the derived key (`passwordBytes`), in bytes.
pub const KEY_LEN: usize = 20;
/// Length of the salt ProGet makes (`saltBytes`), in bytes.
pub const SALT_LEN: usize = 10;

/// A password hash as it stands in the file: two base64 strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordHash {
    pub password_bytes: String,
    pub salt_bytes: String,
}

/// Why a password could not be hashed or checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordError {
    /// The RNG gave no random bytes (it never should).
    Random(String),
    /// The user has no `passwordBytes` and `saltBytes` to check against.
    NoHash,
    /// A stored field is not valid base64.
    Base64 { field: &'static str },
    /// A hashing worker (the page's Web Worker) answered with an error.
    Worker(String),
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::Random(e) => write!(f, "no random bytes for a salt: {e}"),
            PasswordError::NoHash => f.write_str("the user has no password hash"),
            PasswordError::Base64 { field } => write!(f, "{field} is not valid base64"),
            PasswordError::Worker(e) => write!(f, "the hashing worker failed: {e}"),
        }
    }
}

impl std::error::Error for PasswordError {}

/// The 20-byte PBKDF2 key of `password` with `salt`.
pub fn derive(password: &str, salt: &[u8]) -> [u8; KEY_LEN] {
    derive_one(password.as_bytes(), salt)
}

/// The 20-byte key of one UTF-8 password, on the fastest path for one
/// password on this target.
fn derive_one(password: &[u8], salt: &[u8]) -> [u8; KEY_LEN] {
    scalar::derive(password, salt)
}

/// The 20-byte keys of many (UTF-8 password, salt) pairs, in order, on
/// the fastest path for many passwords on this target: four per
/// instruction in wasm with SIMD, one after another elsewhere.
pub fn derive_many(jobs: &[(&[u8], &[u8])]) -> Vec<[u8; KEY_LEN]> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::derive_all(jobs)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        jobs.iter().map(|(p, s)| derive_one(p, s)).collect()
    }
}

/// Hashes many passwords, each with its own fresh salt (see [`hash`]), on
/// the path of [`derive_many`].
pub fn hash_many(passwords: &[&str]) -> Result<Vec<PasswordHash>, PasswordError> {
    let salts = passwords
        .iter()
        .map(|_| new_salt())
        .collect::<Result<Vec<_>, _>>()?;
    let jobs: Vec<(&[u8], &[u8])> = passwords
        .iter()
        .zip(&salts)
        .map(|(p, s)| (p.as_bytes(), s.as_slice()))
        .collect();
    Ok(derive_many(&jobs)
        .iter()
        .zip(&salts)
        .map(|(key, salt)| PasswordHash {
            password_bytes: STANDARD.encode(key),
            salt_bytes: STANDARD.encode(salt),
        })
        .collect())
}

/// Hashes `password` with a given salt (for tests and known vectors; use
/// [`hash`] for new passwords).
pub fn hash_with_salt(password: &str, salt: &[u8]) -> PasswordHash {
    PasswordHash {
        password_bytes: STANDARD.encode(derive(password, salt)),
        salt_bytes: STANDARD.encode(salt),
    }
}

/// Hashes `password` with a fresh 10-byte salt from the cryptographic RNG.
pub fn hash(password: &str) -> Result<PasswordHash, PasswordError> {
    Ok(hash_with_salt(password, &new_salt()?))
}

/// A fresh random salt.
pub fn new_salt() -> Result<[u8; SALT_LEN], PasswordError> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Random(e.to_string()))?;
    Ok(salt)
}

/// Decodes a stored base64 field (standard alphabet, padded).
pub fn decode(value: &str) -> Result<Vec<u8>, base64::DecodeError> {
    STANDARD.decode(value)
}

/// Whether `password` matches the stored base64 hash and salt, compared in
/// constant time.
pub fn verify_hash(
    password: &str,
    password_bytes: &str,
    salt_bytes: &str,
) -> Result<bool, PasswordError> {
    let expected = decode(password_bytes).map_err(|_| PasswordError::Base64 {
        field: "passwordBytes",
    })?;
    let salt = decode(salt_bytes).map_err(|_| PasswordError::Base64 { field: "saltBytes" })?;
    // Always ProGet's 20-byte key: a stored hash of another length (even a
    // longer or shorter PBKDF2 output of the right password) never matches.
    let actual = derive(password, &salt);
    Ok(bool::from(actual.as_slice().ct_eq(expected.as_slice())))
}

/// Whether `password` is the user's password, checked against the stored
/// hash; `Err(NoHash)` when there is none to check.
pub fn check(password: &str, user: &User) -> Result<bool, PasswordError> {
    match (&user.password_bytes, &user.salt_bytes) {
        (Some(bytes), Some(salt)) => verify_hash(password, bytes, salt),
        _ => Err(PasswordError::NoHash),
    }
}

/// Whether `password` is the user's password; false when the user has no
/// valid hash.
pub fn verify(password: &str, user: &User) -> bool {
    check(password, user).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_accepts_the_password_and_nothing_else() {
        let hash = hash("correct horse").unwrap();
        let mut user = User::new("u");
        user.set_password_hash(hash.password_bytes, hash.salt_bytes);
        assert!(verify("correct horse", &user));
        assert!(!verify("correct horsE", &user));
        assert!(!verify("", &user));
        assert_eq!(check("x", &User::new("v")), Err(PasswordError::NoHash));
        user.password_bytes = Some("not base64!".into());
        assert_eq!(
            check("correct horse", &user),
            Err(PasswordError::Base64 {
                field: "passwordBytes"
            })
        );
    }
}
