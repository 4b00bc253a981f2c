//! What the fuzz targets (`crates/core/fuzz`, run with `scripts/fuzz`)
//! found, each pinned as a regular test with the smallest file that shows
//! it. The target that found it is named in each test's comment.

use proget_users_core::merge::{self, Field, Resolution};
use proget_users_core::model::UsersFile;
use proget_users_core::parse::parse_str;
use proget_users_core::plan::{apply, plan, PlanOptions};
use proget_users_core::write::to_json;

fn file(text: &str) -> UsersFile {
    parse_str(text).unwrap_or_else(|e| panic!("{e}")).file
}

/// `file` written and read back is the same model.
fn survives_writing(file: &UsersFile) {
    let written = to_json(file);
    let again = parse_str(&written)
        .unwrap_or_else(|e| panic!("{e}\n{written}"))
        .file;
    assert_eq!(again.users, file.users, "{written}");
    assert_eq!(again.groups, file.groups, "{written}");
}

/// Target `plan`: applying a plan whose import gives `passwordBytes`
/// without `saltBytes` set the field without giving its key a place, so
/// the written file read back with the keys in another order.
#[test]
fn an_imported_hash_without_its_salt_is_written_in_its_place() {
    let server = file(r#"{"users":[{"userName":"kim","groups":[]}]}"#);
    let import = file(r#"{"users":[{"userName":"kim","groups":[],"passwordBytes":"aGFzaA=="}]}"#);
    let options = PlanOptions::default();
    let after = apply(&server, &import, &plan(&server, &import, options));
    assert_eq!(after.users[0].password_bytes.as_deref(), Some("aGFzaA=="));
    assert_eq!(
        to_json(&after),
        r#"{"users":[{"userName":"kim","passwordBytes":"aGFzaA==","groups":[]}]}"#
    );
    survives_writing(&after);
}

/// Target `plan`: taking theirs' password, when theirs holds a plaintext
/// beside hash fields, took the plaintext alone, so the comparison still
/// showed the password as a conflict ("plaintext" | "plaintext") that no
/// choice could settle.
#[test]
fn taking_theirs_password_settles_the_password_conflict() {
    let ours = file(
        r#"{"users":[{"userName":"Admin","passwordBytes":"b2xk","saltBytes":"c2FsdA==","groups":[]}]}"#,
    );
    for theirs in [
        r#"{"users":[{"userName":"Admin","passwordBytes":"bmV3","password":"pw","groups":[]}]}"#,
        r#"{"users":[{"userName":"Admin","password":"pw","saltBytes":"bmV3","groups":[]}]}"#,
        r#"{"users":[{"userName":"Admin","saltBytes":"bmV3","groups":[]}]}"#,
        r#"{"users":[{"userName":"Admin","passwordBytes":"bmV3","groups":[]}]}"#,
    ] {
        let theirs = file(theirs);
        let conflict = &merge::compare(&ours, &theirs).conflicts[0];
        assert_eq!(conflict.fields[0].field, Field::Password);
        for resolution in [
            Resolution::Theirs,
            Resolution::PerField(vec![Field::Password]),
        ] {
            let mut merged = ours.clone();
            merge::take_user(&mut merged, &theirs.users[0], &resolution).unwrap();
            let left = merge::compare(&merged, &theirs);
            assert!(left.conflicts.is_empty(), "{left}");
            survives_writing(&merged);
        }
    }
}
