//! `proget-users reset FILE (--user NAME... | --group NAME | --all)`.

use crate::util::*;
use std::fs;

#[test]
fn user_gives_only_that_user_a_new_password() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let rows = reset_checked(dir.path(), &["--user", "JDOE"]);
    assert_eq!(rows.len(), 1);
    let [name, display, email, password] = &rows[0];
    assert_eq!(
        (name.as_str(), display.as_str(), email.as_str()),
        ("jDoe", "Doe, John", "jdoe@example.com")
    );
    assert_eq!(password.chars().count(), 20, "the default length");
    // Everything but jDoe's password is as it was.
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_eq!(
        written,
        with_hash(
            TEAM,
            "\"password\": \"OldPlaintext1\",",
            &written,
            "jDoe",
            password
        )
    );
    assert!(!written.contains("OldPlaintext1"));
}

#[test]
fn several_users_and_a_group_and_everyone() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let names =
        |rows: &[[String; 4]]| -> Vec<String> { rows.iter().map(|r| r[0].clone()).collect() };
    let rows = reset_checked(dir.path(), &["--user", "lee", "--user", "kim"]);
    assert_eq!(names(&rows), ["lee", "kim"]);

    let rows = reset_checked(dir.path(), &["--group", "developers"]);
    assert_eq!(names(&rows), ["jDoe", "kim"]);
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_eq!(
        hash_of(&written, "Admin"),
        (
            "6R53UEz8LiA/yIyaWf0HAbc9zQ4=".to_owned(),
            "sBaGqDLnTykFGQ==".to_owned()
        )
    );

    // An existing sheet readable by others is replaced by one that is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::write(dir.path().join("sheet.csv"), "old\n").unwrap();
        fs::set_permissions(
            dir.path().join("sheet.csv"),
            fs::Permissions::from_mode(0o644),
        )
        .unwrap();
    }
    let rows = reset_checked(dir.path(), &["--all"]);
    assert_eq!(names(&rows), ["Admin", "jDoe", "kim", "lee"]);
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert!(!written.contains("\"password\""));
    assert!(!written.contains("OldPlaintext1"));
    // Every password is new and differs from the others.
    let mut passwords: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    passwords.sort();
    passwords.dedup();
    assert_eq!(passwords.len(), 4);
    assert!(!passwords.contains(&"Admin"));
}

#[test]
fn honours_the_length_and_character_classes() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let rows = reset_checked(dir.path(), &["--all", "--length", "33", "--no-symbols"]);
    for [name, _, _, password] in &rows {
        assert_eq!(password.chars().count(), 33, "{name}");
        assert!(
            password.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}: {password}"
        );
    }
    // (A digits-only policy is left out: spreadsheets turn such passwords
    // into numbers, so the core's policy check refuses it: issue 7.)
    let rows = reset_checked(
        dir.path(),
        &[
            "--all",
            "--length",
            "12",
            "--no-lowercase",
            "--no-symbols",
            "--no-ambiguous",
        ],
    );
    for [name, _, _, password] in &rows {
        assert_eq!(password.len(), 12, "{name}");
        assert!(
            password
                .chars()
                .all(|c| (c.is_ascii_uppercase() || c.is_ascii_digit()) && !"IO01".contains(c)),
            "{name}: {password}"
        );
    }
    let rows = reset_checked(dir.path(), &["--all", "--no-uppercase", "--no-digits"]);
    for [name, _, _, password] in &rows {
        assert!(
            password
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_punctuation()),
            "{name}: {password}"
        );
        assert!(password.chars().any(|c| c.is_ascii_punctuation()), "{name}");
    }
}

#[test]
fn refuses_unknown_users_and_empty_groups_and_writes_nothing() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let reset = |args: &[&str]| {
        let mut all = vec!["reset", "team.json"];
        all.extend_from_slice(args);
        let out = run(dir.path(), &all, b"");
        assert_eq!(stdout(&out), "", "{args:?}");
        assert_eq!(files_in(dir.path()), ["team.json"], "{args:?}");
        (code(&out), stderr(&out))
    };
    let to = ["-o", "out.json", "--credentials", "sheet.csv"];
    let with = |args: &[&'static str]| -> Vec<&'static str> {
        args.iter().chain(to.iter()).copied().collect()
    };
    assert_eq!(
        reset(&with(&["--user", "kim", "--user", "nobody"])),
        (
            2,
            "error: team.json has no user named \"nobody\"\n".to_owned()
        )
    );
    assert_eq!(
        reset(&with(&["--group", "Empty"])),
        (
            2,
            "error: the group \"Empty\" in team.json has no members\n".to_owned()
        )
    );
    assert_eq!(
        reset(&with(&["--group", "Nope"])),
        (
            2,
            "error: team.json has no group named \"Nope\"\n".to_owned()
        )
    );
    // Fewer than 12 random characters can look weak to zxcvbn (issue 11).
    assert_eq!(
        reset(&with(&["--all", "--length", "8"])),
        (
            2,
            "error: a password length of 8 is not allowed: choose 12 to 128\n".to_owned()
        )
    );
    // A password of digits alone would become a number in a spreadsheet.
    assert_eq!(
        reset(&with(&[
            "--all",
            "--no-lowercase",
            "--no-uppercase",
            "--no-symbols"
        ])),
        (
            2,
            "error: choose letters or symbols as well as digits: a spreadsheet opening the \
             credentials sheet would turn a password of digits into a number\n"
                .to_owned()
        )
    );
    // Passwords never go to standard output, and the sheet is its own file.
    for args in [
        &["--all", "-o", "out.json", "--credentials", "-"][..],
        &["--all", "-o", "-", "--credentials", "sheet.csv"],
        &["--all", "-o", "out.json"],
        &["--all", "--credentials", "sheet.csv"],
        &["-o", "out.json", "--credentials", "sheet.csv"],
        &[
            "--all",
            "--user",
            "kim",
            "-o",
            "out.json",
            "--credentials",
            "s.csv",
        ],
        &["--all", "-o", "same.csv", "--credentials", "same.csv"],
        &["--all", "-o", "out.json", "--credentials", "team.json"],
    ] {
        let (code, err) = reset(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(!err.is_empty(), "{args:?}");
    }
}

#[test]
fn to_an_unwritable_place_writes_none_of_its_files() {
    // Neither the sheet nor, when asked for, the slips.
    for slips in [&[][..], &["--slips", "slips.html"]] {
        let dir = dir_with(&[("team.json", TEAM)]);
        let mut args = vec![
            "reset",
            "team.json",
            "--all",
            "-o",
            "no/such/dir/out.json",
            "--credentials",
            "sheet.csv",
        ];
        args.extend_from_slice(slips);
        let out = run(dir.path(), &args, b"");
        assert_error(&out, "error: cannot write no/such/dir/out.json: ");
        assert_eq!(files_in(dir.path()), ["team.json"], "{args:?}");
    }
}
