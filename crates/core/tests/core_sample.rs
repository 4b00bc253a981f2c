//! The sample files: the example export is ProGet's own, unchanged.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::{parse, password, sample, write};
use sha2::{Digest, Sha256};

/// The SHA-256 of `example-export.json` as the vendor's documentation gives
/// it (the project's reference copy, `shared/reference/example-export.json`).
const VENDOR_SHA256: &str = "6b3f34dee37ccc17a2b5aed91caefdb59f18fd64b5df9dd641542b697ce4fb2a";

#[test]
fn the_example_export_is_byte_identical_to_progets_own() {
    let digest = Sha256::digest(sample::EXAMPLE_EXPORT.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, VENDOR_SHA256);
}

#[test]
fn the_example_export_opens_and_round_trips_unchanged() {
    let file = parse::parse(sample::EXAMPLE_EXPORT.as_bytes())
        .unwrap()
        .file;
    let names: Vec<&str> = file.users.iter().map(|u| u.user_name.as_str()).collect();
    assert_eq!(names, ["Admin", "jDoe"]);
    assert_eq!(file.groups, ["Administrators", "Developers"]);
    assert!(password::verify("Admin", file.user("Admin").unwrap()));
    assert_eq!(write::to_json(&file), sample::EXAMPLE_EXPORT);
}
