//! `proget-users import-csv FILE USERS.csv`.

use crate::util::*;
use std::fs;

/// What `import-csv` makes of `CSV` over `EXAMPLE`, with each user's hash
/// where `{NAME}` stands: every field, in ProGet's layout.
const IMPORTED: &str = r#"{
  "users": [
    {
      "userName": "Admin",
      "displayName": "Administrator",
      "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=",
      "saltBytes": "sBaGqDLnTykFGQ==",
      "groups": [
        "Administrators"
      ]
    },
    {
      "userName": "jDoe",
      "displayName": "Doe, John",
      "emailAddress": "john.doe@example.com",
      {jDoe}
      "groups": [
        "Developers",
        "Testers"
      ]
    },
    {
      "userName": "asmith",
      "displayName": "Ann Smith",
      "emailAddress": "ann@example.com",
      {asmith}
      "groups": [
        "Testers"
      ]
    },
    {
      "userName": "bo",
      "displayName": "bo",
      "groups": []
    }
  ],
  "groups": [
    "Administrators",
    "Developers",
    "Testers"
  ]
}
"#;

/// Inedo's pgutil header plus `Groups`: an update of `jDoe` (named in
/// other letter case, with a new password holding a comma, a quote and a
/// line break) and two new users. A new group takes its first spelling.
const CSV: &str = "Name,DisplayName,Email,Password,Groups\r\n\
                   JDOE,\"Doe, John\",john.doe@example.com,\"new,\"\"pass\r\nword\",developers;Testers\r\n\
                   asmith,Ann Smith,ann@example.com,s3cret!,testers\r\n\
                   bo,,,,\r\n";

/// The plaintexts `CSV` gives its users.
const CSV_PASSWORDS: [(&str, &str); 2] = [("jDoe", "new,\"pass\nword"), ("asmith", "s3cret!")];

/// `IMPORTED` with the hashes `out` holds, each checked against its
/// plaintext first.
fn expected_imported(out: &str) -> String {
    CSV_PASSWORDS
        .iter()
        .fold(IMPORTED.to_owned(), |expected, (user, plaintext)| {
            with_hash(&expected, &format!("{{{user}}}"), out, user, plaintext)
        })
}

#[test]
fn adds_and_updates_users() {
    let dir = dir_with(&[("users.json", EXAMPLE), ("users.csv", CSV)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "users.csv", "-o", "out.json"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "users.csv:4: warning: the password is easy to guess (strength 1 of 4): \
         This is similar to a commonly used password.\n\
         imported CSV: added 2 users, updated 1 user, declared 1 group, hashed 2 passwords\n"
    );
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_eq!(written, expected_imported(&written));
    assert!(!written.contains("\"password\""));
    assert!(!written.contains("s3cret!"));
    // What it wrote is what ProGet would accept (bo cannot log in yet).
    let check = run(dir.path(), &["check", "out.json"], b"");
    assert_eq!(
        (code(&check), stdout(&check)),
        (
            0,
            "out.json:33:5: warning: the user has no password\n".to_owned()
        )
    );
}

#[test]
fn writes_standard_output_by_default() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "-"],
        CSV.as_bytes(),
    );
    assert_ok(&out);
    let written = stdout(&out);
    assert_eq!(written, expected_imported(&written));
    assert_eq!(files_in(dir.path()), ["users.json"]);
}

#[test]
fn hashes_each_row_s_password_across_threads() {
    let mut csv = String::from("Name,Password\n");
    for i in 0..24 {
        csv.push_str(&format!("u{i},secret-{i}\n"));
    }
    let dir = dir_with(&[("users.json", EXAMPLE), ("many.csv", &csv)]);
    let out = run(dir.path(), &["import-csv", "users.json", "many.csv"], b"");
    assert_ok(&out);
    // Every password is weak, and each is named in line order, though
    // they were scored on several threads.
    let mut expected = String::new();
    for line in 2..=25 {
        expected.push_str(&format!(
            "many.csv:{line}: warning: the password is easy to guess (strength 1 of 4): \
             This is similar to a commonly used password.\n"
        ));
    }
    expected.push_str("imported CSV: added 24 users, hashed 24 passwords\n");
    assert_eq!(stderr(&out), expected);
    let written = stdout(&out);
    for i in 0..24 {
        assert_hash(&written, &format!("u{i}"), &format!("secret-{i}"));
    }
}

/// Bad rows after a record spanning two lines, so the line numbers count
/// physical lines.
const BAD_CSV: &str = "Name,DisplayName,Email,Password\n\
                       carol,\"Carol\nSmith\",carol@example.com,pw-carol\n\
                       ,Nobody,x@example.com,pw\n\
                       dave,Dave,not an email,pw-dave\n\
                       erin,Erin\n\
                       CAROL,Again,,\n";

#[test]
fn refuses_bad_rows_with_their_lines_and_writes_nothing() {
    let dir = dir_with(&[
        ("users.json", EXAMPLE),
        ("bad.csv", BAD_CSV),
        ("out.json", "keep me\n"),
    ]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "bad.csv", "-o", "out.json"],
        b"",
    );
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "\
bad.csv:2: warning: the password is the user name with little added
bad.csv:4: error: the name is empty
bad.csv:5: error: \"not an email\" does not look like an email address
bad.csv:6: error: 2 fields where the header has 4
bad.csv:7: error: the user \"CAROL\" is already on line 2
error: import refused: 4 bad rows; fix them or pass --skip-bad-rows
"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.json")).unwrap(),
        "keep me\n"
    );
    assert_eq!(files_in(dir.path()), ["bad.csv", "out.json", "users.json"]);
    assert!(!stderr(&out).contains("pw-"));
}

#[test]
fn skip_bad_rows_imports_the_good_ones() {
    let dir = dir_with(&[("users.json", EXAMPLE), ("bad.csv", BAD_CSV)]);
    let out = run(
        dir.path(),
        &[
            "import-csv",
            "users.json",
            "bad.csv",
            "--skip-bad-rows",
            "-o",
            "out.json",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "\
bad.csv:2: warning: the password is the user name with little added
bad.csv:4: warning: the name is empty (skipped)
bad.csv:5: warning: \"not an email\" does not look like an email address (skipped)
bad.csv:6: warning: 2 fields where the header has 4 (skipped)
bad.csv:7: warning: the user \"CAROL\" is already on line 2 (skipped)
imported CSV: added 1 user, hashed 1 password, skipped 4 bad rows
"
    );
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    let names: Vec<&str> = value["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Admin", "jDoe", "carol"]);
    assert_eq!(value["users"][2]["displayName"], "Carol\nSmith");
    assert_eq!(value["users"][2]["emailAddress"], "carol@example.com");
    assert_hash(&written, "carol", "pw-carol");
}

#[test]
fn reads_semicolons_and_a_byte_order_mark() {
    // As Excel saves "CSV UTF-8" where `;` separates fields.
    let csv = "\u{feff}Name;DisplayName;Email;Password;Groups\r\n\
               jdoe;John Doe;jdoe@example.com;\"a;b\";Developers\r\n\
               kim;\"Kim; Lee\";kim@example.com;;\"Ops;Developers\"\r\n";
    let dir = dir_with(&[("users.json", EXAMPLE), ("excel.csv", csv)]);
    let out = run(dir.path(), &["import-csv", "users.json", "excel.csv"], b"");
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "excel.csv:2: warning: the password is easy to guess (strength 0 of 4)\n\
         imported CSV: added 1 user, updated 1 user, declared 1 group, hashed 1 password\n"
    );
    let written = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["users"][1]["userName"], "jDoe");
    assert_eq!(
        value["users"][1]["groups"],
        serde_json::json!(["Developers"])
    );
    assert_hash(&written, "jDoe", "a;b");
    assert_eq!(value["users"][2]["userName"], "kim");
    assert_eq!(value["users"][2]["displayName"], "Kim; Lee");
    assert_eq!(
        value["users"][2]["groups"],
        serde_json::json!(["Ops", "Developers"])
    );
    assert!(value["users"][2].get("passwordBytes").is_none());
    assert_eq!(
        value["groups"],
        serde_json::json!(["Administrators", "Developers", "Ops"])
    );
}

#[test]
fn dry_run_prints_the_changes_and_writes_nothing() {
    let dir = dir_with(&[("users.json", EXAMPLE), ("users.csv", CSV)]);
    let out = run(
        dir.path(),
        &[
            "import-csv",
            "users.json",
            "users.csv",
            "--dry-run",
            "-o",
            "out.json",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "\
add-group \"Testers\"
add-user \"asmith\"
add-user \"bo\"
update-user \"jDoe\" display-name \"John Doe\" -> \"Doe, John\"
update-user \"jDoe\" email \"jdoe@example.com\" -> \"john.doe@example.com\"
update-user \"jDoe\" join-group \"Testers\"
update-user \"jDoe\" password
"
    );
    assert_eq!(
        stderr(&out),
        "users.csv:4: warning: the password is easy to guess (strength 1 of 4): \
         This is similar to a commonly used password.\n\
         dry run: nothing written\n"
    );
    assert_eq!(files_in(dir.path()), ["users.csv", "users.json"]);

    // Bad rows show in the preview, and exit 1 says the import would be
    // refused.
    let dir = dir_with(&[("users.json", EXAMPLE), ("bad.csv", BAD_CSV)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "bad.csv", "--dry-run"],
        b"",
    );
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "\
add-user \"carol\"
bad-row line 4: the name is empty
bad-row line 5: \"not an email\" does not look like an email address
bad-row line 6: 2 fields where the header has 4
bad-row line 7: the user \"CAROL\" is already on line 2
"
    );
    assert!(
        stderr(&out).ends_with(
            "error: import refused: 4 bad rows; fix them or pass --skip-bad-rows\n\
             dry run: nothing written\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn with_no_change_says_so() {
    let csv = "Name,DisplayName\njdoe,John Doe\n";
    let dir = dir_with(&[("users.json", EXAMPLE), ("same.csv", csv)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "same.csv", "--dry-run"],
        b"",
    );
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "no changes\ndry run: nothing written\n");
    let out = run(dir.path(), &["import-csv", "users.json", "same.csv"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), EXAMPLE);
    assert_eq!(stderr(&out), "imported CSV: nothing changed\n");
}

#[test]
fn refuses_an_unreadable_csv_at_its_line() {
    let dir = dir_with(&[
        ("users.json", EXAMPLE),
        ("open.csv", "Name,Password\na,pw\nb,\"never closed\nc,pw\n"),
        ("odd.csv", "Name,Shoe size\na,42\n"),
        ("broken.json", SYNTAX_ERROR),
    ]);
    let out = run(dir.path(), &["import-csv", "users.json", "open.csv"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "open.csv:3: error: a quoted field is never closed\n"
    );
    let out = run(dir.path(), &["import-csv", "users.json", "odd.csv"], b"");
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).starts_with("odd.csv: error: the header has unknown column \"Shoe size\""),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["import-csv", "broken.json", "odd.csv"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
    let out = run(dir.path(), &["import-csv", "-", "-"], b"");
    assert_eq!(code(&out), 2);
    assert_eq!(files_in(dir.path()).len(), 4);
}
