//! What every test of the binary shares: running it as a user does (real
//! files in a temporary directory, standard input, exit codes), the
//! fixtures, and an independent PBKDF2 to check the hashes it writes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// ProGet's own export, from the vendor's documentation (Admin's password is
/// still "Admin").
pub const EXAMPLE: &str = proget_users_core::sample::EXAMPLE_EXPORT;

/// Plaintext passwords among a hashed user and fields the tool does not
/// know, laid out as ProGet writes (so writing it back changes only the
/// passwords).
pub const PLAINTEXT: &str = include_str!("fixtures/plaintext.json");

/// Four errors and four warnings, at known places.
pub const MIXED: &str = include_str!("fixtures/mixed.json");

/// A trailing comma on line 3, column 22.
pub const SYNTAX_ERROR: &str = "{\n  \"users\": [\n    {\"userName\": \"a\",}\n  ]\n}\n";

/// Runs the tool in `dir` with `stdin` (or an empty standard input).
pub fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
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

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

/// Asserts that the run succeeded (exit code 0), showing its standard
/// error if not.
#[track_caller]
pub fn assert_ok(output: &Output) {
    assert_eq!(code(output), 0, "{}", stderr(output));
}

/// Asserts that the run failed with exit code 2 and an error on standard
/// error that begins with `start` (what follows, such as the system's own
/// words for why a file cannot be read, varies).
#[track_caller]
pub fn assert_error(output: &Output, start: &str) {
    let err = stderr(output);
    assert_eq!(code(output), 2, "{err}");
    assert!(err.starts_with(start), "{err}");
}

/// Asserts that the tool, run in `dir`, refuses each of `arg_lists`: exit
/// code 2, nothing on standard output, and a reason on standard error.
#[track_caller]
pub fn assert_refused<'a>(dir: &Path, arg_lists: &[impl AsRef<[&'a str]>]) {
    for args in arg_lists {
        let args = args.as_ref();
        let out = run(dir, args, b"");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

/// Runs `edit team.json -o out.json` in `dir` (which holds `team.json`)
/// with `args`: options, then edits.
pub fn edit_team(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["edit", "team.json", "-o", "out.json"];
    all.extend_from_slice(args);
    run(dir, &all, stdin)
}

/// A temporary directory holding `files`.
pub fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Whether `password` hashes to `password_bytes` with `salt_bytes`, by
/// PBKDF2-HMAC-SHA1 (10,000 rounds, 20 bytes) computed here, not by the tool.
pub fn pbkdf2_matches(password: &str, password_bytes: &str, salt_bytes: &str) -> bool {
    let salt = STANDARD.decode(salt_bytes).unwrap();
    assert_eq!(salt.len(), 10, "ProGet's salts are 10 bytes");
    let mut key = [0u8; 20];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password.as_bytes(), &salt, 10_000, &mut key);
    STANDARD.encode(key) == password_bytes
}

/// The user named exactly `user` in a written file.
#[track_caller]
pub fn user<'a>(file: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    file["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userName"] == name)
        .unwrap_or_else(|| panic!("no user {name} in {file}"))
}

/// The two values of `"passwordBytes"` and `"saltBytes"` for `user` in a
/// written file.
#[track_caller]
pub fn hash_of(json: &str, name: &str) -> (String, String) {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let user = user(&value, name);
    (
        user["passwordBytes"].as_str().unwrap().to_owned(),
        user["saltBytes"].as_str().unwrap().to_owned(),
    )
}

/// Asserts that `user`'s hash in the written file `json` is of `password`,
/// by [`pbkdf2_matches`]; returns the hash as [`hash_of`] does.
#[track_caller]
pub fn assert_hash(json: &str, user: &str, password: &str) -> (String, String) {
    let (bytes, salt) = hash_of(json, user);
    assert!(
        pbkdf2_matches(password, &bytes, &salt),
        "{user}'s hash is not of {password:?}"
    );
    (bytes, salt)
}

/// `template` with `placeholder` replaced by `user`'s hash in the written
/// file `json`, as the two lines ProGet writes in a user (six spaces in),
/// after [`assert_hash`] checked it is of `password`: what the whole
/// written file must be, byte for byte.
#[track_caller]
pub fn with_hash(
    template: &str,
    placeholder: &str,
    json: &str,
    user: &str,
    password: &str,
) -> String {
    let (bytes, salt) = assert_hash(json, user, password);
    template.replace(
        placeholder,
        &format!("\"passwordBytes\": \"{bytes}\",\n      \"saltBytes\": \"{salt}\","),
    )
}

/// The names of the files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Plaintext passwords: `jdoe`'s is his user name with a little added,
/// `kim`'s a common one, `lee`'s strong, `ann`'s her display name; and
/// other warnings about the same users.
pub const WEAK: &str = include_str!("fixtures/weak.json");

/// The plaintext passwords of `WEAK` that are weak.
pub const WEAK_PASSWORDS: [&str; 3] = ["Jdoe2024!", "letmein", "AnnSmith"];

/// Users for `reset`: two developers, one tester, one in no group.
pub const TEAM: &str = include_str!("fixtures/team.json");

/// Runs `reset` in `dir` on `team.json` with `args`, to `out.json` and
/// `sheet.csv`; checks what every run must hold (each password hashed in
/// the file and shown nowhere else, no warning about the generated
/// passwords, a sheet only its owner reads) and gives the sheet rows.
pub fn reset_checked(dir: &Path, args: &[&str]) -> Vec<[String; 4]> {
    let mut all = vec!["reset", "team.json"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "out.json", "--credentials", "sheet.csv"]);
    let out = run(dir, &all, b"");
    assert_ok(&out);
    assert_eq!(stdout(&out), "", "no passwords on standard output");
    let sheet = fs::read_to_string(dir.join("sheet.csv")).unwrap();
    let rows = sheet_rows(&sheet);
    let written = fs::read(dir.join("out.json")).unwrap();
    let written = String::from_utf8(written).unwrap();
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    for [name, _, _, password] in &rows {
        let found = user(&value, name);
        assert!(found.get("password").is_none(), "{found}");
        assert_hash(&written, name, password);
        assert!(!written.contains(password.as_str()), "{name}'s plaintext");
        assert!(!stderr(&out).contains(password.as_str()));
    }
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
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

/// The fields of a CSV line, quotes undone: written here rather than
/// with the crate's reader, so the sheet is checked independently.
pub fn csv_fields(line: &str) -> Vec<String> {
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
pub fn sheet_rows(sheet: &str) -> Vec<[String; 4]> {
    let mut lines = sheet.split("\r\n");
    assert_eq!(lines.next(), Some("Name,DisplayName,Email,Password"));
    assert!(sheet.ends_with("\r\n"), "{sheet:?}");
    lines
        .filter(|l| !l.is_empty())
        .map(|l| csv_fields(l).try_into().expect("4 fields"))
        .collect()
}

/// Every command of the tool, as `proget-users --help` lists them.
pub const COMMANDS: [&str; 12] = [
    "check",
    "hash",
    "verify",
    "diff",
    "import-csv",
    "reset",
    "edit",
    "export-csv",
    "merge",
    "schema",
    "completions",
    "man",
];

/// Whether `c` could move a cursor, ring a bell or reorder what a terminal
/// shows: a C0 or C1 control, DEL, a line or paragraph separator, or a
/// bidirectional override or isolate.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Asserts that neither standard output nor standard error holds a raw
/// control character other than the line end `\n`.
#[track_caller]
pub fn assert_clean(output: &Output) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "{stream} holds {bad:?}: {text}");
    }
}

/// A file in `dir`, read as text.
pub fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}
