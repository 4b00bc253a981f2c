//! `proget-users diff OLD NEW [--delete-missing]`.

use crate::util::*;

/// What the import of `NEW` would change on a server exported as `EXAMPLE`.
pub const NEW: &str = include_str!("fixtures/new.json");

const PLAN: &str = r#"add-group "Testers"
add-user "tester"
update-user "jDoe" user-name -> "jdoe"
update-user "jDoe" display-name "John Doe" -> "Johnny Doe"
update-user "jDoe" email "jdoe@example.com" -> (none)
update-user "jDoe" join-group "Testers"
update-user "jDoe" password
"#;

#[test]
fn prints_the_import_plan() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("new.json", NEW)]);
    let out = run(dir.path(), &["diff", "old.json", "new.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), PLAN);
    assert_eq!(stderr(&out), "");
}

#[test]
fn with_delete_missing_also_removes() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("new.json", NEW)]);
    let out = run(
        dir.path(),
        &["diff", "old.json", "new.json", "--delete-missing"],
        b"",
    );
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        format!("{PLAN}remove-user \"Admin\"\nremove-group \"Administrators\"\n")
    );
}

#[test]
fn reads_new_from_standard_input() {
    let dir = dir_with(&[("old.json", EXAMPLE)]);
    let out = run(dir.path(), &["diff", "old.json", "-"], NEW.as_bytes());
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), PLAN);
}

#[test]
fn of_equal_files_prints_nothing() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("same.json", EXAMPLE)]);
    let out = run(
        dir.path(),
        &["diff", "old.json", "same.json", "--delete-missing"],
        b"",
    );
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "no changes\n");
}

#[test]
fn refuses_a_broken_file() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["diff", "old.json", "broken.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
}
