//! The reference: RustCrypto's `pbkdf2_hmac::<Sha1>`, exactly as the
//! `pbkdf2` crate computes it. Every faster path in this module must equal
//! it bit for bit; the tests and the benchmark compare against it.

use super::{ITERATIONS, KEY_LEN};

/// ProGet's 20-byte key of the UTF-8 `password` with `salt`, computed by
/// RustCrypto's `pbkdf2` (HMAC-SHA1 through the `hmac` crate).
pub fn derive(password: &[u8], salt: &[u8]) -> [u8; KEY_LEN] {
    let mut key = [0u8; KEY_LEN];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, ITERATIONS, &mut key);
    key
}
