//! `proget-users merge FILE OTHER [-o OUT]`: users and groups taken from
//! another export, conflicts settled by rule or refused.

use crate::util::*;
use serde_json::{json, Value};

/// Another server's export: `jDoe` with another email and display name
/// and a new group, `kim` alike, and a new user in a new group.
const OTHER: &str = r#"{
  "users": [
    {"userName": "JDOE", "displayName": "Johnny", "emailAddress": "john@other.example",
     "password": "OldPlaintext1", "groups": ["Developers", "Ops"]},
    {"userName": "kim", "groups": ["Developers", "Testers"]},
    {"userName": "zoe", "displayName": "Zoe", "groups": ["Ops"]}
  ],
  "groups": ["Developers", "Ops", "Auditors"]
}
"#;

fn merged(args: &[&str]) -> (i32, Value, String, String) {
    let dir = dir_with(&[("team.json", TEAM), ("other.json", OTHER)]);
    let mut all = vec!["merge", "team.json", "other.json", "-o", "out.json"];
    all.extend_from_slice(args);
    let out = run(dir.path(), &all, b"");
    let written = std::fs::read_to_string(dir.path().join("out.json"))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    (code(&out), written, stdout(&out), stderr(&out))
}

#[test]
fn conflicts_without_a_rule_are_refused_and_listed() {
    let (code, written, out, err) = merged(&[]);
    assert_eq!(code, 1);
    assert_eq!(written, Value::Null, "nothing written");
    assert_eq!(out, "");
    assert_eq!(
        err,
        "conflict \"jDoe\" user-name \"jDoe\" | \"JDOE\"\n\
         conflict \"jDoe\" display-name \"Doe, John\" | \"Johnny\"\n\
         conflict \"jDoe\" email \"jdoe@example.com\" | \"john@other.example\"\n\
         conflict \"jDoe\" groups \"Developers\" | \"Developers, Ops\"\n\
         error: 4 conflicting fields have no rule: pass --prefer ours|theirs, or \
         --field FIELD=ours|theirs for each field; nothing was written\n"
    );
}

#[test]
fn prefer_ours_keeps_ours_and_takes_what_is_missing() {
    let (code, written, _, err) = merged(&["--prefer", "ours"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(user(&written, "jDoe")["emailAddress"], "jdoe@example.com");
    assert_eq!(
        user(&written, "zoe"),
        &json!({"userName": "zoe", "displayName": "Zoe", "groups": ["Ops"]})
    );
    assert_eq!(
        written["groups"],
        json!([
            "Administrators",
            "Developers",
            "Testers",
            "Empty",
            "Ops",
            "Auditors"
        ])
    );
    assert_eq!(
        err,
        "added user zoe, declared 2 groups\nkept 1 conflicting user as FILE has them\n"
    );
}

#[test]
fn prefer_theirs_and_field_rules_take_their_values() {
    let (code, written, _, err) = merged(&["--prefer", "theirs", "--field", "user-name=ours"]);
    assert_eq!(code, 0, "{err}");
    let jdoe = user(&written, "jDoe");
    assert_eq!(jdoe["displayName"], "Johnny");
    assert_eq!(jdoe["emailAddress"], "john@other.example");
    assert_eq!(jdoe["groups"], json!(["Developers", "Ops"]));
    let (code, written, _, err) = merged(&["--prefer", "ours", "--field", "email=theirs"]);
    assert_eq!(code, 0, "{err}");
    let jdoe = user(&written, "jDoe");
    assert_eq!(jdoe["displayName"], "Doe, John");
    assert_eq!(jdoe["emailAddress"], "john@other.example");
    // A rule for every conflicting field is enough without --prefer.
    let (code, _, _, err) = merged(&[
        "--field",
        "user-name=ours",
        "--field",
        "display-name=ours",
        "--field",
        "email=ours",
        "--field",
        "groups=theirs",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _, err) = merged(&["--field", "email=mine"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let (code, written, out, err) = merged(&["--prefer", "theirs", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(written, Value::Null);
    assert_eq!(
        out,
        "add-group \"Ops\"\nadd-group \"Auditors\"\nadd-user \"zoe\"\n\
         update-user \"jDoe\" user-name -> \"JDOE\"\n\
         update-user \"jDoe\" display-name \"Doe, John\" -> \"Johnny\"\n\
         update-user \"jDoe\" email \"jdoe@example.com\" -> \"john@other.example\"\n\
         update-user \"jDoe\" join-group \"Ops\"\n\
         update-user \"jDoe\" password\n"
    );
    assert_eq!(err, "dry run: nothing written\n");
}

#[test]
fn a_file_merged_with_itself_takes_nothing() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(dir.path(), &["merge", "team.json", "team.json"], b"");
    assert_ok(&out);
    assert_eq!(stdout(&out), TEAM);
    assert_eq!(
        stderr(&out),
        "took nothing: FILE has every user and group OTHER has\n"
    );
}

#[test]
fn two_large_directories_merge_in_linear_time() {
    // 20,000 users each, none shared, every one in one to three groups:
    // looking each user or group up afresh (as a quadratic merge would)
    // makes this take minutes instead of a second.
    let ours = proget_users_core::sample::directory(20_000);
    let theirs = ours.replace("\"userName\": \"user", "\"userName\": \"other");
    let dir = dir_with(&[("ours.json", &ours), ("theirs.json", &theirs)]);
    let out = run(
        dir.path(),
        &["merge", "ours.json", "theirs.json", "-o", "out.json"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stderr(&out), "added 20000 users\n");
    let written: Value = serde_json::from_str(&read(dir.path(), "out.json")).unwrap();
    assert_eq!(written["users"].as_array().unwrap().len(), 40_000);
}
