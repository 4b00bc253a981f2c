//! No message carries a raw control character: names from a file or an
//! argument, file names, and the messages the core makes all reach the
//! terminal escaped.

use crate::util::*;

/// ESC (which starts a terminal command: this one clears the screen), BEL,
/// a C1 control (CSI) and a right-to-left override.
const EVIL: &str = "evil\u{1b}[2J\u{7}\u{9b}\u{202e}";

/// A file whose names, emails and keys hold [`EVIL`]: two users of one
/// name (an error), a bad email, an undeclared group.
fn evil_file() -> String {
    let name = serde_json::to_string(EVIL).unwrap();
    format!(
        r#"{{
  "users": [
    {{"userName": {name}, "displayName": {name}, "emailAddress": {name}, "password": "pw", "groups": [{name}]}},
    {{"userName": {name}, "groups": []}},
    {{"userName": "plain", "displayName": "Plain", "groups": []}}
  ],
  "groups": []
}}
"#
    )
}

#[test]
fn every_command_escapes_what_it_shows() {
    let evil_json = evil_file();
    let duplicate_key = format!(
        "{{\"users\": [], \"groups\": [], {key}: 1, {key}: 2}}",
        key = serde_json::to_string(EVIL).unwrap()
    );
    let other = format!(
        r#"{{"users": [{{"userName": "plain", "displayName": {name}, "groups": [{name}]}}], "groups": [{name}]}}"#,
        name = serde_json::to_string(EVIL).unwrap()
    );
    let bad_csv = format!("Name,Email\n{EVIL},{EVIL}\n");
    let dir = dir_with(&[
        ("evil.json", &evil_json),
        ("dup.json", &duplicate_key),
        ("other.json", &other),
        ("team.json", TEAM),
        ("bad.csv", &bad_csv),
    ]);
    let missing = format!("{EVIL}.json");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "evil.json"],
        vec!["check", "dup.json"],
        vec!["check", &missing],
        vec!["hash", "evil.json", "-o", "out.json"],
        vec!["diff", "team.json", "evil.json", "--delete-missing"],
        vec!["verify", "team.json", EVIL],
        vec!["verify", "evil.json", EVIL],
        vec![
            "reset",
            "team.json",
            "--user",
            EVIL,
            "-o",
            "out.json",
            "--credentials",
            "s.csv",
        ],
        vec![
            "reset",
            "team.json",
            "--group",
            EVIL,
            "-o",
            "out.json",
            "--credentials",
            "s.csv",
        ],
        vec!["import-csv", "team.json", "bad.csv", "--dry-run"],
        vec!["import-csv", "team.json", "bad.csv"],
        vec!["edit", "team.json", "-o", "out.json", "remove-user", EVIL],
        vec!["edit", "team.json", "-o", "out.json", "add-user", EVIL],
        vec![
            "edit",
            "team.json",
            "-o",
            "out.json",
            "join-group",
            "Testers",
            EVIL,
        ],
        vec!["edit", "evil.json", "--dry-run", "remove-user", EVIL],
        vec![
            "edit",
            "evil.json",
            "-o",
            "out.json",
            "set-user",
            "plain",
            "--email",
            EVIL,
        ],
        vec![
            "edit",
            "evil.json",
            "-o",
            "out.json",
            "rename-group",
            EVIL,
            "Evil",
        ],
        vec!["edit", "team.json", "-o", "out.json", "add-user", "x", EVIL],
        vec!["export-csv", "team.json", "--user", EVIL],
        vec!["merge", "evil.json", "other.json", "--dry-run"],
        vec![
            "merge",
            "evil.json",
            "other.json",
            "-o",
            "out.json",
            "--prefer",
            "theirs",
        ],
        vec!["merge", "team.json", "evil.json", "-o", "out.json"],
        vec!["man", EVIL],
        vec![EVIL],
    ];
    for args in runs {
        let out = run(dir.path(), &args, b"password\n");
        assert!(!out.stderr.is_empty() || !out.stdout.is_empty(), "{args:?}");
        assert_clean(&out);
    }
}

#[test]
fn an_unknown_user_is_shown_escaped_and_quoted() {
    // The case from the issue.
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--user",
            "evil\u{1b}[2J",
            "-o",
            "out.json",
            "--credentials",
            "s.csv",
        ],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: team.json has no user named \"evil\\u001b[2J\"\n"
    );
}

#[test]
fn a_duplicate_key_and_a_file_name_are_shown_escaped() {
    let key = serde_json::to_string("k\u{7}").unwrap();
    let text = format!("{{\"users\": [], \"groups\": [], {key}: 1, {key}: 2}}");
    let name = "bell\u{7}.json";
    let dir = dir_with(&[(name, &text)]);
    let out = run(dir.path(), &["check", name], b"");
    assert_eq!(code(&out), 1);
    assert_clean(&out);
    let shown = stdout(&out);
    assert!(shown.starts_with("bell\\u0007.json:1:"), "{shown}");
    assert!(shown.contains("k\\u0007"), "{shown}");
}
