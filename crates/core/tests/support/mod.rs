//! What the core's test files share: reading a file a test writes out, the
//! example export, the two import options, and the promise about salts
//! that holds natively and in the browser alike. Each test file takes what
//! it needs (`mod support;`), so an item one of them leaves unused is no
//! fault.
#![allow(dead_code)]

use proget_users_core::model::UsersFile;
use proget_users_core::parse::parse_str;
use proget_users_core::password::{self, decode, hash, verify_hash, KEY_LEN, SALT_LEN};
use proget_users_core::plan::PlanOptions;

/// The model of `text`, which the test wrote to be read: a parse error is
/// the test's own mistake, and fails it with the error's message.
#[track_caller]
pub fn file(text: &str) -> UsersFile {
    parse_str(text).unwrap_or_else(|e| panic!("{e}")).file
}

/// ProGet's own export, from the vendor's documentation.
pub fn example() -> UsersFile {
    file(proget_users_core::sample::EXAMPLE_EXPORT)
}

/// Import without *delete missing users and groups*.
pub const KEEP: PlanOptions = PlanOptions {
    delete_missing: false,
};

/// Import with *delete missing users and groups*.
pub const DELETE: PlanOptions = PlanOptions {
    delete_missing: true,
};

/// Asserts that every hash gets a fresh salt from the cryptographic RNG
/// (the operating system's natively, the browser's in wasm): eight hashes
/// of one password have eight salts and differ, each is ProGet's size and
/// verifies.
#[track_caller]
pub fn assert_fresh_salts() {
    let hashes: Vec<_> = (0..8).map(|_| hash("same password").unwrap()).collect();
    let salts: std::collections::HashSet<&str> =
        hashes.iter().map(|h| h.salt_bytes.as_str()).collect();
    assert_eq!(salts.len(), hashes.len(), "a salt was reused");
    for h in &hashes {
        assert_eq!(decode(&h.salt_bytes).unwrap().len(), SALT_LEN);
        assert_eq!(decode(&h.password_bytes).unwrap().len(), KEY_LEN);
        assert_eq!(
            verify_hash("same password", &h.password_bytes, &h.salt_bytes),
            Ok(true)
        );
    }
    assert_ne!(hashes[0].password_bytes, hashes[1].password_bytes);
    assert_ne!(password::new_salt().unwrap(), [0u8; SALT_LEN]);
    assert_ne!(password::new_salt().unwrap(), password::new_salt().unwrap());
}
