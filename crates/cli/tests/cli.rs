//! The `proget-users` command-line tool, run as a user runs it: real files in
//! a temporary directory, standard input, exit codes, and the exact lines on
//! standard output and standard error.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proget_users_core::parse::MAX_INPUT_BYTES;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// ProGet's own export, from the vendor's documentation (Admin's password is
/// still "Admin").
const EXAMPLE: &str = include_str!("cli/example-export.json");

/// Plaintext passwords among a hashed user and fields the tool does not
/// know, laid out as ProGet writes (so writing it back changes only the
/// passwords).
const PLAINTEXT: &str = r#"{
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
      "displayName": "John Doe",
      "password": "MySecurePassword!",
      "emailAddress": "jdoe@example.com",
      "groups": [
        "Developers"
      ],
      "x-note": {
        "kept": [
          1,
          2
        ]
      }
    },
    {
      "password": "pässwörd 🔑 密码",
      "userName": "kim",
      "groups": []
    }
  ],
  "groups": [
    "Administrators",
    "Developers"
  ],
  "exportedBy": "ProGet"
}
"#;

/// Four errors and four warnings, at known places.
const MIXED: &str = r#"{
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
      "userName": "admin",
      "emailAddress": "not an email",
      "password": "pw",
      "groups": [
        "Testers"
      ]
    },
    {
      "userName": "Admin",
      "passwordBytes": "AAAA",
      "groups": []
    }
  ],
  "groups": [
    "Administrators",
    "Administrators"
  ]
}
"#;

/// A trailing comma on line 3, column 22.
const SYNTAX_ERROR: &str = "{\n  \"users\": [\n    {\"userName\": \"a\",}\n  ]\n}\n";

/// Runs the tool in `dir` with `stdin` (or an empty standard input).
fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_proget-users"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from a thread: the tool may stop reading early (and it should,
    // for input over the limit), which is not an error here.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().unwrap();
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

/// A temporary directory holding `files`.
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Whether `password` hashes to `password_bytes` with `salt_bytes`, by
/// PBKDF2-HMAC-SHA1 (10,000 rounds, 20 bytes) computed here, not by the tool.
fn pbkdf2_matches(password: &str, password_bytes: &str, salt_bytes: &str) -> bool {
    let salt = STANDARD.decode(salt_bytes).unwrap();
    assert_eq!(salt.len(), 10, "ProGet's salts are 10 bytes");
    let mut key = [0u8; 20];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password.as_bytes(), &salt, 10_000, &mut key);
    STANDARD.encode(key) == password_bytes
}

/// The two values of `"passwordBytes"` and `"saltBytes"` for `user` in a
/// written file.
fn hash_of(json: &str, user: &str) -> (String, String) {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let user = value["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userName"] == user)
        .unwrap();
    (
        user["passwordBytes"].as_str().unwrap().to_owned(),
        user["saltBytes"].as_str().unwrap().to_owned(),
    )
}

/// `PLAINTEXT` with each plaintext replaced by the hash the output holds:
/// what the whole output must be, byte for byte.
fn expected_hashed(out: &str) -> String {
    let mut expected = PLAINTEXT.to_owned();
    for (user, plaintext, indent) in [
        ("jDoe", "MySecurePassword!", "      "),
        ("kim", "pässwörd 🔑 密码", "      "),
    ] {
        let (bytes, salt) = hash_of(out, user);
        assert!(pbkdf2_matches(plaintext, &bytes, &salt), "{user}'s hash");
        expected = expected.replace(
            &format!("\"password\": \"{plaintext}\","),
            &format!("\"passwordBytes\": \"{bytes}\",\n{indent}\"saltBytes\": \"{salt}\","),
        );
    }
    expected
}

#[test]
fn check_a_clean_file_prints_nothing_and_exits_0() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "no problems\n");
}

#[test]
fn check_prints_each_finding_at_its_line_and_column() {
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
users.json:2:12: warning: 1 user has a plaintext password
"
    );
    assert_eq!(stderr(&out), "4 errors, 4 warnings\n");
}

#[test]
fn check_with_warnings_only_exits_0() {
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
fn check_reports_a_syntax_error_at_its_place() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["check", "broken.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "broken.json:3:22: error: trailing comma\n");
    assert_eq!(stderr(&out), "1 error, 0 warnings\n");
}

#[test]
fn check_reports_every_wrong_shape() {
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
fn check_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "-"], SYNTAX_ERROR.as_bytes());
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "<stdin>:3:22: error: trailing comma\n");
}

#[test]
fn check_a_missing_file_names_it_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "nowhere.json"], b"");
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with("error: cannot read nowhere.json: "),
        "{err}"
    );
}

#[test]
fn a_directory_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let out = run(dir.path(), &["check", "sub"], b"");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot read sub: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    for args in [
        &[][..],
        &["check"],
        &["check", "users.json", "extra"],
        &["frobnicate", "users.json"],
        &["hash", "users.json", "--bogus"],
        &["verify", "users.json"],
        &["diff", "users.json"],
        &["diff", "-", "-"],
        &["verify", "-", "Admin"],
    ] {
        let out = run(dir.path(), args, b"");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn help_describes_each_command_with_its_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    for (command, says) in [
        ("check", "errors and warnings"),
        ("hash", "plaintext `password`"),
        ("verify", "standard input"),
        ("diff", "importing NEW"),
        ("import-csv", "--skip-bad-rows"),
        ("reset", "credentials sheet"),
    ] {
        let out = run(dir.path(), &[command, "--help"], b"");
        assert_eq!(code(&out), 0);
        let help = stdout(&out);
        assert!(help.contains(says), "{command}: {help}");
        assert!(help.contains("Exit codes: 0 "), "{command}: {help}");
    }
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

#[test]
fn hash_writes_hashes_where_the_passwords_stood() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(
        dir.path(),
        &["hash", "users.json", "-o", "users-hashed.json"],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
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
fn hash_reads_standard_input_and_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = stdout(&out);
    assert_eq!(written, expected_hashed(&written));
    assert_eq!(stderr(&out), "hashed 2 passwords\n");
    assert!(!stderr(&out).contains("MySecurePassword"));
}

#[test]
fn hash_uses_fresh_salts_for_equal_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    let again = run(dir.path(), &["hash", "-"], PLAINTEXT.as_bytes());
    assert_ne!(
        hash_of(&stdout(&out), "kim").1,
        hash_of(&stdout(&again), "kim").1
    );
}

#[test]
fn hash_gives_each_user_their_own_hash_across_threads() {
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "hashed 24 passwords\n");
    let written = stdout(&out);
    for i in 0..24 {
        let (bytes, salt) = hash_of(&written, &format!("u{i}"));
        assert!(
            pbkdf2_matches(&format!("secret-{i}"), &bytes, &salt),
            "u{i}"
        );
    }
    assert!(!written.contains("\"password\""));
}

#[test]
fn hash_without_plaintext_writes_the_file_unchanged() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(dir.path(), &["hash", "users.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), EXAMPLE);
    assert_eq!(stderr(&out), "hashed 0 passwords\n");
}

#[test]
fn hash_refuses_a_broken_file_and_leaves_the_output_alone() {
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
fn hash_replaces_an_existing_output_and_notes_remaining_errors() {
    let dir = dir_with(&[("mixed.json", MIXED), ("out.json", "old\n")]);
    let out = run(dir.path(), &["hash", "mixed.json", "-o", "out.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(
        stderr(&out),
        "hashed 1 password\nnote: mixed.json has 4 errors; run `proget-users check` to see them\n"
    );
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    let (bytes, salt) = hash_of(&written, "admin");
    assert!(pbkdf2_matches("pw", &bytes, &salt));
}

#[test]
fn hash_to_an_unwritable_place_names_it_and_exits_2() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(
        dir.path(),
        &["hash", "users.json", "-o", "no/such/dir/out.json"],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot write no/such/dir/out.json: "),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("hashed"));
}

#[test]
fn hash_over_a_directory_fails_and_leaves_no_temporary_file() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    fs::create_dir(dir.path().join("out")).unwrap();
    let out = run(dir.path(), &["hash", "users.json", "-o", "out"], b"");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot write out: "),
        "{}",
        stderr(&out)
    );
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["out", "users.json"]);
    assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 0);
}

#[test]
fn verify_answers_with_its_exit_code() {
    let dir = dir_with(&[("users.json", EXAMPLE), ("plain.json", PLAINTEXT)]);
    let verify = |file: &str, user: &str, stdin: &[u8]| {
        let out = run(dir.path(), &["verify", file, user], stdin);
        assert_eq!(stdout(&out), "", "nothing on standard output");
        (code(&out), stderr(&out))
    };
    assert_eq!(
        verify("users.json", "Admin", b"Admin\n"),
        (0, "the password of \"Admin\" matches\n".to_owned())
    );
    // Windows line ends, no line end, and letter case of the user name.
    assert_eq!(verify("users.json", "Admin", b"Admin\r\n").0, 0);
    assert_eq!(verify("users.json", "Admin", b"Admin").0, 0);
    assert_eq!(verify("users.json", "ADMIN", b"Admin\nignored\n").0, 0);
    assert_eq!(
        verify("users.json", "Admin", b"admin\n"),
        (1, "the password of \"Admin\" does not match\n".to_owned())
    );
    // Only the line end is stripped.
    assert_eq!(verify("users.json", "Admin", b"Admin \n").0, 1);
    assert_eq!(verify("users.json", "Admin", b"\n").0, 1);
    assert_eq!(verify("users.json", "jDoe", b"Admin\n").0, 1);

    let (code, err) = verify("users.json", "nobody", b"Admin\n");
    assert_eq!(code, 2);
    assert_eq!(err, "error: users.json has no user named \"nobody\"\n");
    let (code, err) = verify("plain.json", "jDoe", b"MySecurePassword!\n");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "plain.json:12:5: error: \"jDoe\": the user has no password hash\n"
    );
    assert!(!err.contains("MySecurePassword"));
    let (code, err) = verify("users.json", "Admin", b"");
    assert_eq!(code, 2);
    assert!(err.contains("no password on standard input"), "{err}");
}

#[test]
fn verify_a_broken_file_exits_2_not_1() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["verify", "broken.json", "a"], b"x\n");
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
}

#[test]
fn verify_accepts_what_hash_wrote() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(dir.path(), &["hash", "users.json", "-o", "users.json"], b"");
    assert_eq!(code(&out), 0);
    let ok = run(
        dir.path(),
        &["verify", "users.json", "kim"],
        "pässwörd 🔑 密码\n".as_bytes(),
    );
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
}

/// What the import of `NEW` would change on a server exported as `EXAMPLE`.
const NEW: &str = r#"{
  "users": [
    {
      "userName": "jdoe",
      "displayName": "Johnny Doe",
      "password": "MySecurePassword!",
      "groups": [
        "Developers",
        "Testers"
      ]
    },
    {
      "userName": "tester",
      "displayName": "Test Er",
      "password": "t3st",
      "groups": [
        "Testers"
      ]
    }
  ],
  "groups": [
    "Developers",
    "Testers"
  ]
}
"#;

const PLAN: &str = r#"add-group "Testers"
add-user "tester"
update-user "jDoe" user-name -> "jdoe"
update-user "jDoe" display-name "John Doe" -> "Johnny Doe"
update-user "jDoe" email "jdoe@example.com" -> (none)
update-user "jDoe" join-group "Testers"
update-user "jDoe" password
"#;

#[test]
fn diff_prints_the_import_plan() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("new.json", NEW)]);
    let out = run(dir.path(), &["diff", "old.json", "new.json"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), PLAN);
    assert_eq!(stderr(&out), "");
}

#[test]
fn diff_with_delete_missing_also_removes() {
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
fn diff_reads_new_from_standard_input() {
    let dir = dir_with(&[("old.json", EXAMPLE)]);
    let out = run(dir.path(), &["diff", "old.json", "-"], NEW.as_bytes());
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), PLAN);
}

#[test]
fn diff_of_equal_files_prints_nothing() {
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
fn diff_refuses_a_broken_file() {
    let dir = dir_with(&[("old.json", EXAMPLE), ("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["diff", "old.json", "broken.json"], b"");
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
}

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
    let mut expected = IMPORTED.to_owned();
    for (user, plaintext) in CSV_PASSWORDS {
        let (bytes, salt) = hash_of(out, user);
        assert!(pbkdf2_matches(plaintext, &bytes, &salt), "{user}'s hash");
        expected = expected.replace(
            &format!("{{{user}}}"),
            &format!("\"passwordBytes\": \"{bytes}\",\n      \"saltBytes\": \"{salt}\","),
        );
    }
    expected
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn import_csv_adds_and_updates_users() {
    let dir = dir_with(&[("users.json", EXAMPLE), ("users.csv", CSV)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "users.csv", "-o", "out.json"],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "imported CSV: added 2 users, updated 1 user, declared 1 group, hashed 2 passwords\n"
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
fn import_csv_writes_standard_output_by_default() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "-"],
        CSV.as_bytes(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = stdout(&out);
    assert_eq!(written, expected_imported(&written));
    assert_eq!(files_in(dir.path()), ["users.json"]);
}

#[test]
fn import_csv_hashes_each_row_s_password_across_threads() {
    let mut csv = String::from("Name,Password\n");
    for i in 0..24 {
        csv.push_str(&format!("u{i},secret-{i}\n"));
    }
    let dir = dir_with(&[("users.json", EXAMPLE), ("many.csv", &csv)]);
    let out = run(dir.path(), &["import-csv", "users.json", "many.csv"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "imported CSV: added 24 users, hashed 24 passwords\n"
    );
    let written = stdout(&out);
    for i in 0..24 {
        let (bytes, salt) = hash_of(&written, &format!("u{i}"));
        assert!(
            pbkdf2_matches(&format!("secret-{i}"), &bytes, &salt),
            "u{i}"
        );
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
fn import_csv_refuses_bad_rows_with_their_lines_and_writes_nothing() {
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
fn import_csv_skip_bad_rows_imports_the_good_ones() {
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "\
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
    let (bytes, salt) = hash_of(&written, "carol");
    assert!(pbkdf2_matches("pw-carol", &bytes, &salt));
}

#[test]
fn import_csv_reads_semicolons_and_a_byte_order_mark() {
    // As Excel saves "CSV UTF-8" where `;` separates fields.
    let csv = "\u{feff}Name;DisplayName;Email;Password;Groups\r\n\
               jdoe;John Doe;jdoe@example.com;\"a;b\";Developers\r\n\
               kim;\"Kim; Lee\";kim@example.com;;\"Ops;Developers\"\r\n";
    let dir = dir_with(&[("users.json", EXAMPLE), ("excel.csv", csv)]);
    let out = run(dir.path(), &["import-csv", "users.json", "excel.csv"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "imported CSV: added 1 user, updated 1 user, declared 1 group, hashed 1 password\n"
    );
    let written = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["users"][1]["userName"], "jDoe");
    assert_eq!(
        value["users"][1]["groups"],
        serde_json::json!(["Developers"])
    );
    let (bytes, salt) = hash_of(&written, "jDoe");
    assert!(pbkdf2_matches("a;b", &bytes, &salt));
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
fn import_csv_dry_run_prints_the_changes_and_writes_nothing() {
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
    assert_eq!(code(&out), 0, "{}", stderr(&out));
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
    assert_eq!(stderr(&out), "dry run: nothing written\n");
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
fn import_csv_with_no_change_says_so() {
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
fn import_csv_refuses_an_unreadable_csv_at_its_line() {
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

/// Users for `reset`: two developers, one tester, one in no group.
const TEAM: &str = r#"{
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
      "emailAddress": "jdoe@example.com",
      "password": "OldPlaintext1",
      "groups": [
        "Developers"
      ]
    },
    {
      "userName": "kim",
      "groups": [
        "Developers",
        "Testers"
      ]
    },
    {
      "userName": "lee",
      "emailAddress": "lee@example.com",
      "groups": []
    }
  ],
  "groups": [
    "Administrators",
    "Developers",
    "Testers",
    "Empty"
  ]
}
"#;

/// The fields of a CSV line, quotes undone: written here rather than
/// with the crate's reader, so the sheet is checked independently.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The rows of a credentials sheet after its header, as
/// `[name, display name, email, password]`.
fn sheet_rows(sheet: &str) -> Vec<[String; 4]> {
    let mut lines = sheet.split("\r\n");
    assert_eq!(lines.next(), Some("Name,DisplayName,Email,Password"));
    assert!(sheet.ends_with("\r\n"), "{sheet:?}");
    lines
        .filter(|l| !l.is_empty())
        .map(|l| csv_fields(l).try_into().expect("4 fields"))
        .collect()
}

/// Runs `reset` in `dir` on `team.json` with `args`, to `out.json` and
/// `sheet.csv`; checks what every run must hold and gives the sheet rows.
fn reset_checked(dir: &Path, args: &[&str]) -> Vec<[String; 4]> {
    let mut all = vec!["reset", "team.json"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "out.json", "--credentials", "sheet.csv"]);
    let out = run(dir, &all, b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "no passwords on standard output");
    let sheet = fs::read_to_string(dir.join("sheet.csv")).unwrap();
    let rows = sheet_rows(&sheet);
    let written = fs::read(dir.join("out.json")).unwrap();
    let written = String::from_utf8(written).unwrap();
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    for [name, _, _, password] in &rows {
        let user = value["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["userName"] == name.as_str())
            .unwrap();
        assert!(user.get("password").is_none(), "{user}");
        let (bytes, salt) = hash_of(&written, name);
        assert!(pbkdf2_matches(password, &bytes, &salt), "{name}");
        assert!(!written.contains(password.as_str()), "{name}'s plaintext");
        assert!(!stderr(&out).contains(password.as_str()));
    }
    assert_eq!(
        stderr(&out).lines().last().unwrap(),
        "note: sheet.csv holds the passwords in plaintext: store it safely, \
         and delete it once they are handed out"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.join("sheet.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    rows
}

#[test]
fn reset_user_gives_only_that_user_a_new_password() {
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
    let (bytes, salt) = hash_of(&written, "jDoe");
    assert_eq!(
        written,
        TEAM.replace(
            "\"password\": \"OldPlaintext1\",",
            &format!("\"passwordBytes\": \"{bytes}\",\n      \"saltBytes\": \"{salt}\","),
        )
    );
    assert!(!written.contains("OldPlaintext1"));
}

#[test]
fn reset_several_users_and_a_group_and_everyone() {
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
fn reset_honours_the_length_and_character_classes() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let rows = reset_checked(dir.path(), &["--all", "--length", "33", "--no-symbols"]);
    for [name, _, _, password] in &rows {
        assert_eq!(password.chars().count(), 33, "{name}");
        assert!(
            password.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}: {password}"
        );
    }
    let rows = reset_checked(
        dir.path(),
        &["--all", "--length", "8", "--no-lowercase", "--no-uppercase"],
    );
    for [name, _, _, password] in &rows {
        assert_eq!(password.len(), 8, "{name}");
        assert!(
            password
                .chars()
                .all(|c| c.is_ascii_punctuation() || c.is_ascii_digit()),
            "{name}"
        );
    }
    // Digits alone are refused: a spreadsheet opening the sheet would turn
    // the passwords into numbers. Nothing is written.
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--all",
            "--no-lowercase",
            "--no-uppercase",
            "--no-symbols",
            "-o",
            "digits.json",
            "--credentials",
            "digits.csv",
        ],
        b"",
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("as well as digits"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("digits.csv").exists());
    assert!(!dir.path().join("digits.json").exists());
}

#[test]
fn reset_refuses_unknown_users_and_empty_groups_and_writes_nothing() {
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
    assert_eq!(
        reset(&with(&["--all", "--length", "7"])),
        (
            2,
            "error: a password length of 7 is not allowed: choose 8 to 128\n".to_owned()
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
fn reset_to_an_unwritable_place_writes_neither_file() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "team.json",
            "--all",
            "-o",
            "no/such/dir/out.json",
            "--credentials",
            "sheet.csv",
        ],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot write no/such/dir/out.json: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(files_in(dir.path()), ["team.json"]);
}
