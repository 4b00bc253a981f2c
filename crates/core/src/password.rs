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
//! The crypto is RustCrypto's (`pbkdf2`, `hmac`, `sha1`); salts come from the
//! operating system's (or the browser's) cryptographic RNG through
//! `getrandom`; comparisons are constant-time (`subtle`).

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
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::Random(e) => write!(f, "no random bytes for a salt: {e}"),
            PasswordError::NoHash => f.write_str("the user has no password hash"),
            PasswordError::Base64 { field } => write!(f, "{field} is not valid base64"),
        }
    }
}

impl std::error::Error for PasswordError {}

/// The 20-byte PBKDF2 key of `password` with `salt`.
pub fn derive(password: &str, salt: &[u8]) -> [u8; KEY_LEN] {
    let mut key = [0u8; KEY_LEN];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password.as_bytes(), salt, ITERATIONS, &mut key);
    key
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
    fn salts_are_fresh_each_time() {
        let a = hash("same").unwrap();
        let b = hash("same").unwrap();
        assert_ne!(a.salt_bytes, b.salt_bytes);
        assert_ne!(a.password_bytes, b.password_bytes);
        assert_eq!(decode(&a.salt_bytes).unwrap().len(), SALT_LEN);
        assert_eq!(decode(&a.password_bytes).unwrap().len(), KEY_LEN);
    }

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
