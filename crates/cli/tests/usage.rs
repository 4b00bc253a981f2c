//! Usage errors, the help of every command, completion scripts and manual
//! pages.

use crate::util::*;

#[test]
fn usage_errors_exit_2() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    assert_refused(
        dir.path(),
        &[
            &[][..],
            &["check"],
            &["check", "users.json", "extra"],
            &["frobnicate", "users.json"],
            &["hash", "users.json", "--bogus"],
            &["verify", "users.json"],
            &["diff", "users.json"],
            &["diff", "-", "-"],
            &["verify", "-", "Admin"],
            &["edit", "users.json"],
            &["export-csv"],
            &["merge", "users.json"],
            &["merge", "-", "-"],
            &["merge", "users.json", "users.json", "--prefer", "both"],
            &["completions"],
            &["completions", "tcsh"],
            &["man", "frobnicate"],
        ],
    );
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
        ("edit", "all or nothing"),
        ("export-csv", "as CSV"),
        ("merge", "conflict"),
        ("schema", "JSON Schema"),
        ("completions", "completion script"),
        ("man", "manual page"),
    ] {
        let out = run(dir.path(), &[command, "--help"], b"");
        assert_eq!(code(&out), 0);
        let help = stdout(&out);
        assert!(help.contains(says), "{command}: {help}");
        assert!(help.contains("Exit codes: 0 "), "{command}: {help}");
    }
}

#[test]
fn the_help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--help"], b"");
    assert_eq!(code(&out), 0);
    let listed: Vec<String> = stdout(&out)
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, COMMANDS);
}

#[test]
fn completions_for_each_shell_name_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(dir.path(), &["completions", shell], b"");
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{shell}");
        let script = stdout(&out);
        assert!(script.len() > 1000, "{shell}: {script}");
        for command in COMMANDS.iter().chain(&["add-user", "join-group"]) {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        assert!(script.contains("dry-run"), "{shell} lacks options");
    }
}

#[cfg(unix)]
#[test]
fn the_bash_completion_script_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["completions", "bash"], b"");
    std::fs::write(dir.path().join("c.bash"), &out.stdout).unwrap();
    let bash = std::process::Command::new("bash")
        .args(["-c", "source ./c.bash && complete -p proget-users"])
        .current_dir(dir.path())
        .output();
    let Ok(bash) = bash else { return }; // no bash here
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(String::from_utf8_lossy(&bash.stdout).contains("proget-users"));
}

#[test]
fn the_manual_page_names_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["man"], b"");
    assert_ok(&out);
    let page = stdout(&out);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff: {page}");
    assert!(page.contains(".TH proget-users 1"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("proget\\-users\\-{}", command.replace('-', "\\-"))),
            "{command}: {page}"
        );
    }
    // Each command has its own page; edit's names every edit.
    let out = run(dir.path(), &["man", "edit"], b"");
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    assert!(page.contains(".TH proget-users-edit 1"), "{page}");
    for verb in [
        "add\\-user",
        "set\\-user",
        "remove\\-group",
        "leave\\-group",
    ] {
        assert!(page.contains(verb), "{verb}: {page}");
    }
}

#[test]
fn man_dir_writes_every_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("man1")).unwrap();
    let out = run(dir.path(), &["man", "--dir", "man1"], b"");
    assert_ok(&out);
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("proget-users-{c}.1"))
        .collect();
    expected.push("proget-users.1".to_owned());
    expected.sort();
    assert_eq!(files_in(&dir.path().join("man1")), expected);
    assert_eq!(stderr(&out), "wrote 13 pages to man1\n");
    // Pages hold no secret: they get the permissions any new file gets.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        std::fs::write(dir.path().join("usual"), "").unwrap();
        assert_eq!(
            mode(&dir.path().join("man1/proget-users.1")),
            mode(&dir.path().join("usual"))
        );
    }
}
