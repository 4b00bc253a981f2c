//! Files named twice: two outputs that are one file, or an output that is
//! an input, however spelled, are refused before anything is written; and
//! how outputs are written (through symbolic links, never over a device).

use crate::util::*;
use std::fs;
use std::path::Path;

/// The arguments of a `reset` of every user in `team.json`.
fn reset_to(out: &str, sheet: &str) -> Vec<String> {
    [
        "reset",
        "team.json",
        "--all",
        "-o",
        out,
        "--credentials",
        sheet,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Runs `args` in `dir`, expecting a refusal (exit 2) that writes nothing
/// and names the same file; gives standard error.
#[track_caller]
fn refused(dir: &Path, args: &[String]) -> String {
    let before: Vec<(String, Vec<u8>)> = snapshot(dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(dir, &args, b"");
    assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    assert_eq!(stdout(&out), "", "{args:?}");
    assert!(
        stderr(&out).contains("are the same file"),
        "{args:?}: {}",
        stderr(&out)
    );
    assert_eq!(snapshot(dir), before, "{args:?} wrote something");
    stderr(&out)
}

/// Every file under `dir` (not following links) with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                out.push((name, fs::read(&path).unwrap()));
            } else {
                out.push((name, Vec::new()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_sheet_and_the_output_spelled_differently_are_refused() {
    // The case from the issue: the sheet would be written, then replaced
    // by the JSON, and the passwords lost.
    let dir = dir_with(&[("team.json", TEAM)]);
    fs::create_dir(dir.path().join("d")).unwrap();
    let err = refused(dir.path(), &reset_to("./new.json", "d/../new.json"));
    assert_eq!(
        err,
        "error: -o \"./new.json\" and --credentials \"d/../new.json\" are the same file: \
         each output needs a file of its own, or one would replace the other\n"
    );
    let absolute = dir.path().join("new.json").display().to_string();
    refused(dir.path(), &reset_to(&absolute, "new.json"));
    refused(dir.path(), &reset_to("new.json", "./d/./../new.json"));
    // The same file as an existing one.
    fs::write(dir.path().join("new.json"), "old\n").unwrap();
    refused(dir.path(), &reset_to("new.json", &absolute));
}

#[cfg(unix)]
#[test]
fn links_to_one_file_are_the_same_file() {
    use std::os::unix::fs::symlink;
    let dir = dir_with(&[("team.json", TEAM), ("out.json", "old\n")]);
    // A symbolic link to an existing file, to one not there yet, and a
    // link to the directory.
    symlink("out.json", dir.path().join("link.csv")).unwrap();
    symlink("later.json", dir.path().join("dangling.csv")).unwrap();
    symlink(".", dir.path().join("here")).unwrap();
    fs::hard_link(dir.path().join("out.json"), dir.path().join("hard.csv")).unwrap();
    refused(dir.path(), &reset_to("out.json", "link.csv"));
    refused(dir.path(), &reset_to("later.json", "dangling.csv"));
    refused(dir.path(), &reset_to("out.json", "here/out.json"));
    refused(dir.path(), &reset_to("out.json", "hard.csv"));
    // A link to an input is that input.
    symlink("team.json", dir.path().join("team-link.csv")).unwrap();
    refused(dir.path(), &reset_to("out.json", "team-link.csv"));
    fs::hard_link(
        dir.path().join("team.json"),
        dir.path().join("team-hard.csv"),
    )
    .unwrap();
    refused(dir.path(), &reset_to("out.json", "team-hard.csv"));
}

#[test]
fn an_output_may_not_replace_an_input_other_than_the_edited_file() {
    let csv = "Name,DisplayName\nnew,New User\n";
    let dir = dir_with(&[
        ("users.json", EXAMPLE),
        ("users.csv", csv),
        ("other.json", PLAINTEXT),
    ]);
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let err = refused(
        dir.path(),
        &args(&["import-csv", "users.json", "users.csv", "-o", "./users.csv"]),
    );
    assert!(
        err.contains("writing the output would replace an input"),
        "{err}"
    );
    refused(
        dir.path(),
        &args(&["merge", "users.json", "other.json", "-o", "other.json"]),
    );
    refused(
        dir.path(),
        &args(&["export-csv", "users.json", "-o", "./users.json"]),
    );
    refused(
        dir.path(),
        &args(&[
            "edit",
            "users.json",
            "-o",
            "out.json",
            "--credentials",
            "./out.json",
            "add-user",
            "x",
            "--generate",
        ]),
    );
    refused(
        dir.path(),
        &args(&[
            "edit",
            "users.json",
            "--credentials",
            "users.json",
            "add-user",
            "x",
            "--generate",
        ]),
    );
}

#[test]
fn the_edited_file_may_be_replaced_by_the_result() {
    let csv = "Name,DisplayName\nnew,New User\n";
    let dir = dir_with(&[("users.json", PLAINTEXT), ("users.csv", csv)]);
    let out = run(
        dir.path(),
        &["hash", "users.json", "-o", "./users.json"],
        b"",
    );
    assert_ok(&out);
    assert!(!read(dir.path(), "users.json").contains("\"password\""));
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "users.csv", "-o", "users.json"],
        b"",
    );
    assert_ok(&out);
    assert!(read(dir.path(), "users.json").contains("New User"));
    // Two inputs may be one file: reading twice harms nothing.
    let out = run(dir.path(), &["diff", "users.json", "./users.json"], b"");
    assert_eq!((code(&out), stderr(&out)), (0, "no changes\n".to_owned()));
}

#[test]
fn standard_output_cannot_take_two_outputs() {
    let dir = dir_with(&[("users.json", EXAMPLE)]);
    // `edit` writes the sheet to a file only; with -o absent, the result
    // goes to standard output, and the sheet may not.
    let out = run(
        dir.path(),
        &[
            "edit",
            "users.json",
            "--credentials",
            "-",
            "add-user",
            "x",
            "--generate",
        ],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    assert_eq!(files_in(dir.path()), ["users.json"]);
}

#[cfg(unix)]
#[test]
fn writing_through_a_symbolic_link_keeps_the_link_and_replaces_its_target() {
    use std::os::unix::fs::symlink;
    let dir = dir_with(&[("users.json", PLAINTEXT), ("real.json", "old\n")]);
    fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("real.json", dir.path().join("link.json")).unwrap();
    symlink("sub/new.json", dir.path().join("dangling.json")).unwrap();
    for output in ["link.json", "dangling.json"] {
        let out = run(dir.path(), &["hash", "users.json", "-o", output], b"");
        assert_ok(&out);
        let meta = fs::symlink_metadata(dir.path().join(output)).unwrap();
        assert!(meta.file_type().is_symlink(), "{output} is still a link");
    }
    for target in ["real.json", "sub/new.json"] {
        let written = read(dir.path(), target);
        assert!(written.contains("passwordBytes"), "{target}: {written}");
    }
    // No temporary file is left beside the link or the targets.
    assert_eq!(
        files_in(dir.path()),
        [
            "dangling.json",
            "link.json",
            "real.json",
            "sub",
            "users.json"
        ]
    );
    assert_eq!(files_in(&dir.path().join("sub")), ["new.json"]);
}

#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = run(dir.path(), &["hash", "users.json", "-o", "pipe"], b"");
    assert_error(&out, "error: cannot write pipe: it is not a regular file");
    use std::os::unix::fs::FileTypeExt;
    let meta = fs::symlink_metadata(dir.path().join("pipe")).unwrap();
    assert!(meta.file_type().is_fifo(), "the pipe is still a pipe");
}
