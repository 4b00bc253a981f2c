//! The `proget-users` command-line tool, run as a user runs it: real files in
//! a temporary directory, standard input, exit codes, and the exact lines on
//! standard output and standard error.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proget_users::parse::MAX_INPUT_BYTES;
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
