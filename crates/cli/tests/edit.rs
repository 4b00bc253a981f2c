//! `proget-users edit FILE [-o OUT] EDIT [\; EDIT]...`: every edit, several
//! in one go, all or nothing.

use crate::util::*;
use serde_json::{json, Value};
use std::fs;

/// Runs `edit team.json -o out.json` with `edits` (after `options`),
/// expecting success; gives the written file as JSON and standard error.
#[track_caller]
fn edited(options: &[&str], edits: &[&str], stdin: &[u8]) -> (Value, String) {
    let dir = dir_with(&[("team.json", TEAM)]);
    let args = [options, edits].concat();
    let out = edit_team(dir.path(), &args, stdin);
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    assert_eq!(stdout(&out), "", "{args:?}");
    let written = read(dir.path(), "out.json");
    (serde_json::from_str(&written).unwrap(), stderr(&out))
}

fn names(file: &Value) -> Vec<&str> {
    file["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap())
        .collect()
}

#[test]
fn add_user_with_every_field_declares_its_groups() {
    let (file, err) = edited(
        &[],
        &[
            "add-user",
            "asmith",
            "--display-name",
            "Ann Smith",
            "--email",
            "ann@example.com",
            "--group",
            "testers",
            "--group",
            "QA",
        ],
        b"",
    );
    assert_eq!(
        user(&file, "asmith"),
        &json!({"userName": "asmith", "displayName": "Ann Smith",
                "emailAddress": "ann@example.com", "groups": ["Testers", "QA"]})
    );
    assert_eq!(
        file["groups"],
        json!(["Administrators", "Developers", "Testers", "Empty", "QA"])
    );
    assert_eq!(err, "added group QA\nadded user asmith\n");
    // Without options the display name is the user name.
    let (file, _) = edited(&[], &["add-user", "bob"], b"");
    assert_eq!(
        user(&file, "bob"),
        &json!({"userName": "bob", "displayName": "bob", "groups": []})
    );
}

#[test]
fn add_user_takes_a_password_from_standard_input_only() {
    let (file, err) = edited(
        &[],
        &["add-user", "asmith", "--password-stdin"],
        b"S3cret pw!\n",
    );
    let asmith = user(&file, "asmith");
    assert!(asmith.get("password").is_none());
    assert!(pbkdf2_matches(
        "S3cret pw!",
        asmith["passwordBytes"].as_str().unwrap(),
        asmith["saltBytes"].as_str().unwrap()
    ));
    assert!(!err.contains("S3cret"), "{err}");
    // There is no option that takes a password as an argument.
    let dir = dir_with(&[("team.json", TEAM)]);
    for edit in [
        &["add-user", "x", "--password", "pw"][..],
        &["add-user", "x", "--password=pw"],
        &["set-user", "kim", "--password", "pw"],
    ] {
        let mut args = vec!["edit", "team.json", "-o", "out.json"];
        args.extend_from_slice(edit);
        let out = run(dir.path(), &args, b"");
        assert_eq!(code(&out), 2, "{edit:?}");
        assert_eq!(files_in(dir.path()), ["team.json"]);
    }
    // FILE cannot be standard input as well, nor can two edits read it.
    let stdin_twice = [
        &["edit", "-", "add-user", "x", "--password-stdin"][..],
        &[
            "edit",
            "team.json",
            "add-user",
            "x",
            "--password-stdin",
            ";",
            "set-user",
            "kim",
            "--password-stdin",
        ],
    ];
    for args in stdin_twice {
        let out = run(dir.path(), args, b"pw\n");
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn generated_passwords_go_to_the_sheet_only() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = edit_team(
        dir.path(),
        &[
            "--credentials",
            "sheet.csv",
            "--length",
            "12",
            "add-user",
            "asmith",
            "--email",
            "ann@example.com",
            "--generate",
            ";",
            "set-user",
            "KIM",
            "--generate",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    let rows = sheet_rows(&read(dir.path(), "sheet.csv"));
    let written = read(dir.path(), "out.json");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][2].as_str()),
        ("asmith", "ann@example.com")
    );
    assert_eq!(rows[1][0], "kim");
    for [name, _, _, password] in &rows {
        assert_eq!(password.chars().count(), 12);
        assert_hash(&written, name, password);
        assert!(!written.contains(password.as_str()));
        assert!(!stderr(&out).contains(password.as_str()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("sheet.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    // --generate needs a sheet, and a sheet needs --generate.
    assert_refused(
        dir.path(),
        &[
            &["edit", "team.json", "add-user", "x", "--generate"][..],
            &[
                "edit",
                "team.json",
                "--credentials",
                "s.csv",
                "add-user",
                "x",
            ],
        ],
    );
}

#[test]
fn set_user_changes_each_field() {
    let (file, err) = edited(
        &[],
        &[
            "set-user",
            "JDOE",
            "--rename",
            "john",
            "--display-name",
            "John",
            "--no-email",
            "--group",
            "Testers",
            "--group",
            "ops",
            "--no-password",
        ],
        b"",
    );
    assert_eq!(
        user(&file, "john"),
        &json!({"userName": "john", "displayName": "John", "groups": ["Testers", "ops"]})
    );
    assert_eq!(
        err,
        "renamed user jDoe to john\nset the display name of john to John\n\
         removed the email of john\nadded group ops\njohn joined 2 groups and left 1 group\n\
         cleared the password of john\n"
    );
    let (file, _) = edited(
        &[],
        &[
            "set-user",
            "lee",
            "--email",
            "lee@new.example",
            "--no-display-name",
            "--no-groups",
        ],
        b"",
    );
    assert_eq!(
        user(&file, "lee"),
        &json!({"userName": "lee", "emailAddress": "lee@new.example", "groups": []})
    );
}

#[test]
fn remove_user_removes_each_named_user() {
    let (file, err) = edited(&[], &["remove-user", "KIM", "lee"], b"");
    assert_eq!(names(&file), ["Admin", "jDoe"]);
    assert_eq!(err, "removed 2 users\n");
}

#[test]
fn groups_are_added_renamed_and_removed_with_their_members() {
    let (file, err) = edited(
        &[],
        &[
            "add-group",
            "QA",
            "Ops",
            ";",
            "rename-group",
            "developers",
            "Devs",
            ";",
            "remove-group",
            "Testers",
        ],
        b"",
    );
    assert_eq!(
        file["groups"],
        json!(["Administrators", "Devs", "Empty", "QA", "Ops"])
    );
    assert_eq!(user(&file, "jDoe")["groups"], json!(["Devs"]));
    assert_eq!(user(&file, "kim")["groups"], json!(["Devs"]));
    assert_eq!(
        err,
        "added group QA\nadded group Ops\nrenamed group Developers to Devs (2 members)\n\
         removed group Testers (1 user lost it)\n"
    );
}

#[test]
fn declare_groups_declares_those_users_name() {
    let text = TEAM.replace("\"Testers\",\n    \"Empty\"", "\"Empty\"");
    let dir = dir_with(&[("team.json", &text)]);
    let out = run(dir.path(), &["edit", "team.json", "declare-groups"], b"");
    assert_ok(&out);
    let file: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        file["groups"],
        json!(["Administrators", "Developers", "Empty", "Testers"])
    );
    assert_eq!(stderr(&out), "added 1 missing group\n");
}

#[test]
fn users_join_and_leave_a_group() {
    let (file, err) = edited(
        &[],
        &[
            "join-group",
            "testers",
            "lee",
            "ADMIN",
            ";",
            "leave-group",
            "Developers",
            "kim",
        ],
        b"",
    );
    assert_eq!(user(&file, "lee")["groups"], json!(["Testers"]));
    assert_eq!(
        user(&file, "Admin")["groups"],
        json!(["Administrators", "Testers"])
    );
    assert_eq!(user(&file, "kim")["groups"], json!(["Testers"]));
    assert_eq!(
        err,
        "added 2 users to Testers\nremoved 1 user from Developers\n"
    );
    // A new group is declared.
    let (file, _) = edited(&[], &["join-group", "QA", "lee"], b"");
    assert_eq!(
        file["groups"],
        json!(["Administrators", "Developers", "Testers", "Empty", "QA"])
    );
}

#[test]
fn when_the_third_of_three_edits_fails_nothing_is_written() {
    let dir = dir_with(&[("team.json", TEAM), ("out.json", "keep me\n")]);
    let out = edit_team(
        dir.path(),
        &[
            "add-group",
            "QA",
            ";",
            "add-user",
            "asmith",
            ";",
            "remove-user",
            "nobody",
        ],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "error: edit 3 of 3 (remove-user): team.json has no user named \"nobody\"\n\
         note: no edit was made and nothing was written\n"
    );
    assert_eq!(read(dir.path(), "out.json"), "keep me\n");
    assert_eq!(files_in(dir.path()), ["out.json", "team.json"]);
    // Also when -o is FILE itself.
    let out = run(
        dir.path(),
        &[
            "edit",
            "team.json",
            "-o",
            "team.json",
            "add-group",
            "QA",
            ";",
            "add-user",
            "x",
            ";",
            "add-user",
            "X",
        ],
        b"",
    );
    assert_error(
        &out,
        "error: edit 3 of 3 (add-user): team.json already has a user named \"x\"",
    );
    assert_eq!(read(dir.path(), "team.json"), TEAM);
}

#[test]
fn edits_that_cannot_be_made_are_refused() {
    let dir = dir_with(&[("team.json", TEAM)]);
    for (edit, says) in [
        (
            &["add-user", "JDOE"][..],
            "already has a user named \"jDoe\"",
        ),
        (&["add-user", " "], "a user name cannot be empty"),
        (&["add-user", "tab\tname"], "holds a control character"),
        (
            &["add-user", "x", "--email", "nope"],
            "\"nope\" does not look like an email",
        ),
        (
            &["add-user", "x", "--display-name", ""],
            "a display name cannot be empty",
        ),
        (
            &["set-user", "nobody", "--no-email"],
            "has no user named \"nobody\"",
        ),
        (
            &["set-user", "kim", "--rename", "LEE"],
            "already has a user named \"LEE\"",
        ),
        (
            &["add-group", "developers"],
            "already has the group \"Developers\"",
        ),
        (
            &["rename-group", "Nope", "X"],
            "has no group named \"Nope\"",
        ),
        (
            &["rename-group", "Testers", "developers"],
            "already has the group \"Developers\"",
        ),
        (&["remove-group", "Nope"], "has no group named \"Nope\""),
        (
            &["join-group", "Testers", "kim", "nobody", "ghost"],
            "has no user named \"nobody\", \"ghost\"",
        ),
        (
            &["leave-group", "Nope", "kim"],
            "has no group named \"Nope\"",
        ),
    ] {
        let mut args = vec!["edit", "team.json", "-o", "out.json"];
        args.extend_from_slice(edit);
        let out = run(dir.path(), &args, b"");
        assert_eq!(code(&out), 2, "{edit:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{edit:?}: {}", stderr(&out));
        assert_clean(&out);
        assert_eq!(files_in(dir.path()), ["team.json"], "{edit:?}");
    }
}

#[test]
fn usage_errors_in_an_edit_name_it() {
    let dir = dir_with(&[("team.json", TEAM)]);
    for (args, says) in [
        (&["edit", "team.json", "add-user"][..], "edit 1 of 1: "),
        (
            &["edit", "team.json", "add-group", "x", ";", "frobnicate"],
            "edit 2 of 2: ",
        ),
        (
            &["edit", "team.json", "add-group", "x", ";"],
            "edit 2 of 2 is empty",
        ),
        (&["edit", "team.json", "set-user", "kim"], "edit 1 of 1: "),
        (
            &["edit", "team.json", "add-group", "x", "-o", "out.json"],
            "note: \"-o\" is an option of `edit`: put it before the first edit",
        ),
        (&["edit", "team.json"], "EDIT"),
    ] {
        let out = run(dir.path(), args, b"");
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(files_in(dir.path()), ["team.json"]);
    }
    // Help for one edit is help, not an error.
    let out = run(
        dir.path(),
        &["edit", "team.json", "add-user", "--help"],
        b"",
    );
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("--password-stdin"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = edit_team(
        dir.path(),
        &[
            "--dry-run",
            "add-user",
            "asmith",
            "--group",
            "QA",
            ";",
            "remove-user",
            "lee",
            ";",
            "set-user",
            "kim",
            "--email",
            "kim@example.com",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "add-group \"QA\"\nadd-user \"asmith\"\nupdate-user \"jDoe\" password\n\
         update-user \"kim\" email (none) -> \"kim@example.com\"\nremove-user \"lee\"\n"
    );
    assert_eq!(stderr(&out), "dry run: nothing written\n");
    assert_eq!(files_in(dir.path()), ["team.json"]);
}

#[test]
fn reads_standard_input_and_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["edit", "-", "add-group", "QA"],
        EXAMPLE.as_bytes(),
    );
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        EXAMPLE.replace("\"Developers\"\n  ]", "\"Developers\",\n    \"QA\"\n  ]")
    );
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn a_broken_file_is_refused_with_exit_1() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["edit", "broken.json", "add-group", "QA"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
}

#[test]
fn help_lists_every_edit() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["edit", "--help"], b"");
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for verb in [
        "add-user NAME",
        "set-user NAME",
        "remove-user NAME...",
        "add-group GROUP...",
        "rename-group GROUP NEW",
        "remove-group GROUP...",
        "declare-groups",
        "join-group GROUP USER...",
        "leave-group GROUP USER...",
    ] {
        assert!(help.contains(verb), "{verb}: {help}");
    }
    // ... and each verb it lists is one the tool takes.
    for verb in help
        .lines()
        .skip_while(|l| *l != "Edits:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split(' ').next())
    {
        let out = run(dir.path(), &["edit", "-", verb, "--help"], b"");
        assert_eq!(code(&out), 0, "{verb}: {}", stderr(&out));
    }
}

#[test]
fn edits_on_a_large_directory_take_linear_time() {
    // Each edit looks its names up through one index and validates the
    // file once: a lookup per user per name would take minutes here.
    let text = proget_users_core::sample::directory(20_000);
    let dir = dir_with(&[("users.json", &text)]);
    let mut args = vec!["edit", "users.json", "-o", "out.json", "remove-user"];
    let doomed: Vec<String> = (0..20_000)
        .step_by(2)
        .map(|i| format!("USER{i:05}"))
        .collect();
    args.extend(doomed.iter().map(String::as_str));
    args.extend(["; ", "declare-groups"].map(|s| s.trim()));
    let out = run(dir.path(), &args, b"");
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "removed 10000 users\nadded 0 missing groups\n"
    );
    let written: Value = serde_json::from_str(&read(dir.path(), "out.json")).unwrap();
    assert_eq!(names(&written).len(), 10_000);
}
