//! Many passwords in one message, for a hashing Web Worker, and the answer.
//!
//! The page packs a batch of plaintext passwords into one byte buffer (their
//! UTF-8 bytes, one after another) and the end offset of each; the worker
//! hashes the whole batch with [`derive_many`] (four
//! passwords per instruction where it can) and answers with one record of
//! [`RECORD_LEN`] bytes per password: the 20-byte key, then the 10-byte
//! fresh salt. Plain bytes rather than strings, because bytes can be wiped:
//! a JavaScript string cannot, and every copy of a plaintext here is.
//!
//! ```
//! use proget_users_core::password::batch::{hash_packed, unpack, Packed};
//! use proget_users_core::password::verify_hash;
//!
//! let packed = Packed::new(["Admin", "correct horse"]);
//! let answer = hash_packed(packed.bytes(), packed.ends()).unwrap();
//! let hashes = unpack(&answer, 2).unwrap();
//! assert_eq!(verify_hash("Admin", &hashes[0].password_bytes, &hashes[0].salt_bytes), Ok(true));
//! ```

use super::{derive_many, new_salt, PasswordError, PasswordHash, KEY_LEN, SALT_LEN};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// Bytes of the answer per password: the key, then its salt.
pub const RECORD_LEN: usize = KEY_LEN + SALT_LEN;

/// Plaintext passwords packed for a worker; wiped when dropped.
#[derive(Debug, Default)]
pub struct Packed {
    bytes: Zeroizing<Vec<u8>>,
    ends: Vec<u32>,
}

impl Packed {
    /// Packs `passwords` in order.
    pub fn new<'a>(passwords: impl IntoIterator<Item = &'a str>) -> Packed {
        let mut packed = Packed::default();
        for password in passwords {
            packed.push(password);
        }
        packed
    }

    /// Adds one password at the end.
    pub fn push(&mut self, password: &str) {
        // Grow by hand so that no reallocation leaves an unwiped copy.
        if self.bytes.capacity() < self.bytes.len() + password.len() {
            let mut bigger = Vec::with_capacity((self.bytes.len() + password.len()) * 2);
            bigger.extend_from_slice(&self.bytes);
            self.bytes = Zeroizing::new(bigger);
        }
        self.bytes.extend_from_slice(password.as_bytes());
        self.ends
            .push(u32::try_from(self.bytes.len()).expect("a batch under 4 GiB"));
    }

    /// How many passwords it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The UTF-8 bytes of every password, one after another.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Where each password ends in [`bytes`](Self::bytes).
    pub fn ends(&self) -> &[u32] {
        &self.ends
    }
}

/// Why a batch message could not be hashed or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// The end offsets go backwards or past the bytes.
    BadEnds,
    /// The answer is not one record per password.
    BadAnswer { expected: usize, got: usize },
    /// No random bytes for a salt.
    Password(PasswordError),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::BadEnds => f.write_str("the batch's password offsets are out of order"),
            BatchError::BadAnswer { expected, got } => write!(
                f,
                "the hashing worker answered {got} bytes where {expected} were expected"
            ),
            BatchError::Password(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BatchError {}

/// Hashes every password of a packed batch, each with a fresh salt, on
/// [`derive_many`]'s path: one [`RECORD_LEN`]-byte record per password.
pub fn hash_packed(bytes: &[u8], ends: &[u32]) -> Result<Vec<u8>, BatchError> {
    hash_packed_with(bytes, ends, derive_many)
}

/// [`hash_packed`] with another path for the keys (the benchmark compares
/// them): `derive` gets (password, salt) pairs and returns their keys.
pub fn hash_packed_with(
    bytes: &[u8],
    ends: &[u32],
    derive: impl FnOnce(&[(&[u8], &[u8])]) -> Vec<[u8; KEY_LEN]>,
) -> Result<Vec<u8>, BatchError> {
    let passwords = split(bytes, ends)?;
    let salts = fresh_salts(passwords.len())?;
    let pairs: Vec<(&[u8], &[u8])> = passwords
        .iter()
        .zip(&salts)
        .map(|(p, s)| (*p, s.as_slice()))
        .collect();
    let mut keys = derive(&pairs);
    let answer = records(&keys, &salts);
    keys.zeroize();
    Ok(answer)
}

/// The passwords of a packed batch, checking its end offsets.
pub fn split<'a>(bytes: &'a [u8], ends: &[u32]) -> Result<Vec<&'a [u8]>, BatchError> {
    let mut start = 0usize;
    ends.iter()
        .map(|&end| {
            let end = end as usize;
            if end < start || end > bytes.len() {
                return Err(BatchError::BadEnds);
            }
            let password = &bytes[start..end];
            start = end;
            Ok(password)
        })
        .collect()
}

/// `count` fresh salts from the cryptographic RNG.
pub fn fresh_salts(count: usize) -> Result<Vec<[u8; SALT_LEN]>, BatchError> {
    (0..count)
        .map(|_| new_salt().map_err(BatchError::Password))
        .collect()
}

/// The answer for `keys` and their `salts`: one record each, in order.
pub fn records(keys: &[[u8; KEY_LEN]], salts: &[[u8; SALT_LEN]]) -> Vec<u8> {
    debug_assert_eq!(keys.len(), salts.len());
    let mut answer = Vec::with_capacity(keys.len() * RECORD_LEN);
    for (key, salt) in keys.iter().zip(salts) {
        answer.extend_from_slice(key);
        answer.extend_from_slice(salt);
    }
    answer
}

/// Reads a worker's answer for `count` passwords into hashes as they stand
/// in the file (base64).
pub fn unpack(answer: &[u8], count: usize) -> Result<Vec<PasswordHash>, BatchError> {
    if answer.len() != count * RECORD_LEN {
        return Err(BatchError::BadAnswer {
            expected: count * RECORD_LEN,
            got: answer.len(),
        });
    }
    Ok(answer
        .chunks_exact(RECORD_LEN)
        .map(|record| PasswordHash {
            password_bytes: STANDARD.encode(&record[..KEY_LEN]),
            salt_bytes: STANDARD.encode(&record[KEY_LEN..]),
        })
        .collect())
}
