//! Usage errors, and the help of every command.

use crate::util::*;

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
