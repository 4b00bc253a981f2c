//! `proget-users check FILE`, and how any command reads its input.

use crate::util::*;
use proget_users_core::parse::MAX_INPUT_BYTES;
use std::fs;

#[test]
fn a_clean_file_prints_nothing_and_exits_0() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "no problems\n");
}

#[test]
fn prints_each_finding_at_its_line_and_column() {
    let dir = dir_with(&[("users.json", MIXED)]);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "\
users.json:28:5: error: the group \"Administrators\" is declared twice (first at groups[0])
users.json:21:19: error: the user name \"Admin\" is used twice (first by users[0])
users.json:22:24: error: passwordBytes without saltBytes: ProGet cannot check this password
users.json:22:24: error: passwordBytes is 3 bytes; ProGet's hashes are 20
users.json:13:19: warning: the user names \"admin\" and \"Admin\" (users[0]) differ only in letter case
users.json:14:23: warning: \"not an email\" cannot be an email address
users.json:17:9: warning: the group \"Testers\" is not in the file's groups
users.json:15:19: warning: the password is easy to guess (strength 0 of 4)
users.json:2:12: warning: 1 user has a plaintext password
"
    );
    assert_eq!(stderr(&out), "4 errors, 5 warnings\n");
}

#[test]
fn with_warnings_only_exits_0() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        "users.json:2:12: warning: 2 users have plaintext passwords\n"
    );
    assert_eq!(stderr(&out), "0 errors, 1 warning\n");
}

#[test]
fn reports_a_syntax_error_at_its_place() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["check", "broken.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "broken.json:3:22: error: trailing comma\n");
    assert_eq!(stderr(&out), "1 error, 0 warnings\n");
}

#[test]
fn reports_every_wrong_shape() {
    let text = "{\n  \"users\": [\n    {\"userName\": 5},\n    {\"groups\": \"Dev\"}\n  ]\n}\n";
    let dir = dir_with(&[("shapes.json", text)]);
    let out = run(dir.path(), &["check", "shapes.json"], b"");
    assert_eq!(code(&out), 1);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("shapes.json:3:18: error: expected "),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("shapes.json:4:16: error: expected "),
        "{lines:?}"
    );
}

#[test]
fn reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "-"], SYNTAX_ERROR.as_bytes());
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "<stdin>:3:22: error: trailing comma\n");
}

#[test]
fn a_missing_file_names_it_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "nowhere.json"], b"");
    assert_error(&out, "error: cannot read nowhere.json: ");
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_directory_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let out = run(dir.path(), &["check", "sub"], b"");
    assert_error(&out, "error: cannot read sub: ");
}

#[test]
fn input_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: its size alone refuses it, nothing is read.
    let big = fs::File::create(dir.path().join("big.json")).unwrap();
    big.set_len(MAX_INPUT_BYTES as u64 + 1).unwrap();
    drop(big);
    let out = run(dir.path(), &["check", "big.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "big.json:1:1: error: the file is 65 MiB; files over 64 MiB are not read\n"
    );

    // Standard input has no size: reading stops just past the limit.
    let mut flood = vec![b' '; MAX_INPUT_BYTES + 4096];
    flood[0] = b'{';
    let out = run(dir.path(), &["hash", "-", "-o", "out.json"], &flood);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stderr(&out),
        "<stdin>:1:1: error: the input is over 64 MiB; files over 64 MiB are not read\n"
    );
    assert!(!dir.path().join("out.json").exists());
}
