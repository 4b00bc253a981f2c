//! What the fuzz targets (`crates/core/fuzz`, run with `scripts/fuzz`)
//! found, each pinned as a regular test with the smallest file that shows
//! it. The target that found it is named in each test's comment.

use proget_users_core::history::History;
use proget_users_core::merge::{self, Field, Resolution};
use proget_users_core::model::UsersFile;
use proget_users_core::parse::parse_str;
use proget_users_core::plan::{apply, plan, PlanOptions};
use proget_users_core::write::to_json;

mod support;
use support::file;

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

/// Target `parse` (its edit scripts): two users alike in every field but
/// written differently (here, the space inside their braces) are equal as
/// values, and undo took one for the other: moving one past the other
/// recorded no step at all (the file was left with their texts swapped),
/// and removing the first stored the second in its place (undoing wrote
/// the second's text twice).
#[test]
fn undo_restores_the_text_of_users_alike_in_value() {
    let text = "{\n  \"users\": [\n    {\n \n    },\n    {\n      }\n  ]\n}\n";
    let read = file(text);
    assert_eq!(read.users[0], read.users[1]);

    let mut moved = read.clone();
    let mut history = History::new();
    history
        .apply(&mut moved, |f| {
            let user = f.users.remove(1);
            f.users.insert(0, user);
            Ok::<_, std::convert::Infallible>("moved a user")
        })
        .unwrap();
    let swapped = "{\n  \"users\": [\n    {\n      },\n    {\n \n    }\n  ]\n}\n";
    assert_eq!(to_json(&moved), swapped);
    assert_eq!(history.undo(&mut moved).as_deref(), Some("moved a user"));
    assert_eq!(to_json(&moved), text);
    history.redo(&mut moved).unwrap();
    assert_eq!(to_json(&moved), swapped);

    let mut removed = read.clone();
    let mut history = History::new();
    history
        .apply(&mut removed, |f| {
            f.users.remove(0);
            Ok::<_, std::convert::Infallible>("removed a user")
        })
        .unwrap();
    assert_eq!(
        to_json(&removed),
        "{\n  \"users\": [\n    {\n      }\n  ]\n}\n"
    );
    history.undo(&mut removed).unwrap();
    assert_eq!(to_json(&removed), text);
    history.redo(&mut removed).unwrap();
    assert_eq!(
        to_json(&removed),
        "{\n  \"users\": [\n    {\n      }\n  ]\n}\n"
    );
}
