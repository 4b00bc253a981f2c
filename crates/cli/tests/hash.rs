//! `proget-users hash FILE [-o OUT]`.

use crate::util::*;
use std::fs;

/// `PLAINTEXT` with each plaintext replaced by the hash the output holds:
/// what the whole output must be, byte for byte.
fn expected_hashed(out: &str) -> String {
    [("jDoe", "MySecurePassword!"), ("kim", "pässwörd 🔑 密码")]
        .iter()
        .fold(PLAINTEXT.to_owned(), |expected, (user, plaintext)| {
            let placeholder = format!("\"password\": \"{plaintext}\",");
            with_hash(&expected, &placeholder, out, user, plaintext)
        })
}

#[test]
fn writes_hashes_where_the_passwords_stood() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(
        dir.path(),
        &["hash", "users.json", "-o", "users-hashed.json"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "hashed 2 passwords\n");
    let written = fs::read_to_string(dir.path().join("users-hashed.json")).unwrap();
    assert_eq!(written, expected_hashed(&written));
    // The input is left alone.
    assert_eq!(
        fs::read_to_string(dir.path().join("users.json")).unwrap(),
        PLAINTEXT
    );
    // The output checks clean.
    let check = run(dir.path(), &["check", "users-hashed.json"], b"");
    assert_eq!((code(&check), stdout(&check)), (0, String::new()));
}

#[test]
fn reads_standard_input_and_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    assert_ok(&out);
    let written = stdout(&out);
    assert_eq!(written, expected_hashed(&written));
    assert_eq!(stderr(&out), "hashed 2 passwords\n");
    assert!(!stderr(&out).contains("MySecurePassword"));
}

#[test]
fn uses_fresh_salts_for_equal_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    let again = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    assert_ne!(
        hash_of(&stdout(&out), "kim").1,
        hash_of(&stdout(&again), "kim").1
    );
}

#[test]
fn gives_each_user_their_own_hash_across_threads() {
    // Enough users to be split over every core; each password differs, so a
    // hash put in the wrong place fails the check.
    let users: Vec<String> = (0..24)
        .map(|i| {
            format!("{{\"userName\": \"u{i}\", \"password\": \"secret-{i}\", \"groups\": []}}")
        })
        .collect();
    let text = format!("{{\"users\": [{}], \"groups\": []}}", users.join(", "));
    let dir = dir_with(&[("many.json", &text)]);
    let out = run(dir.path(), &["hash", "many.json"], b"");
    assert_ok(&out);
    assert_eq!(stderr(&out), "hashed 24 passwords\n");
    let written = stdout(&out);
    for i in 0..24 {
        assert_hash(&written, &format!("u{i}"), &format!("secret-{i}"));
    }
    assert!(!written.contains("\"password\""));
}

#[test]
fn without_plaintext_writes_the_file_unchanged() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(dir.path(), &["hash", "users.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), EXAMPLE);
    assert_eq!(stderr(&out), "hashed 0 passwords\n");
}

#[test]
fn refuses_a_broken_file_and_leaves_the_output_alone() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR), ("out.json", "keep me\n")]);
    let out = run(dir.path(), &["hash", "broken.json", "-o", "out.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("out.json")).unwrap(),
        "keep me\n"
    );
    // No temporary file is left behind either.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn replaces_an_existing_output_and_notes_remaining_errors() {
    let dir = dir_with(&[("mixed.json", MIXED), ("out.json", "old\n")]);
    let out = run(dir.path(), &["hash", "mixed.json", "-o", "out.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(
        stderr(&out),
        "hashed 1 password\nnote: mixed.json has 4 errors; run `proget-users check` to see them\n"
    );
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_hash(&written, "admin", "pw");
}

#[test]
fn to_an_unwritable_place_names_it_and_exits_2() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(
        dir.path(),
        &["hash", "users.json", "-o", "no/such/dir/out.json"],
        b"",
    );
    assert_error(&out, "error: cannot write no/such/dir/out.json: ");
    assert!(!stderr(&out).contains("hashed"));
}

#[test]
fn over_a_directory_fails_and_leaves_no_temporary_file() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    fs::create_dir(dir.path().join("out")).unwrap();
    let out = run(dir.path(), &["hash", "users.json", "-o", "out"], b"");
    assert_error(&out, "error: cannot write out: ");
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["out", "users.json"]);
    assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 0);
}
