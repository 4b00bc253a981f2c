//! `proget-users schema [-o OUT]`: the JSON Schema the repository
//! publishes, for editors that check files as they are typed.

use crate::util::*;
use std::fs;

/// The schema as the repository holds it, for editors to point at.
const SCHEMA_FILE: &str = include_str!("../../../schema/users-and-groups.schema.json");

#[test]
fn prints_the_published_schema() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["schema"][..], &["schema", "-o", "-"]] {
        let out = run(dir.path(), args, b"");
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
        assert_eq!(stdout(&out), SCHEMA_FILE, "{args:?}");
    }
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_FILE).expect("valid JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["type"], "object");
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn writes_the_schema_to_a_file_anyone_may_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".vscode")).unwrap();
    let out = run(
        dir.path(),
        &["schema", "-o", ".vscode/users-and-groups.schema.json"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "wrote the schema to .vscode/users-and-groups.schema.json\n"
    );
    let path = dir.path().join(".vscode/users-and-groups.schema.json");
    assert_eq!(fs::read_to_string(&path).unwrap(), SCHEMA_FILE);
    // It holds no secret: a new file gets what any new file gets here (the
    // umask decides), unlike the tool's other new files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let usual = dir.path().join("usual");
        fs::write(&usual, "").unwrap();
        let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&usual));
        // An existing file keeps its permissions, and is replaced whole.
        fs::write(&path, "old and longer than nothing\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let out = run(
            dir.path(),
            &["schema", "-o", ".vscode/users-and-groups.schema.json"],
            b"",
        );
        assert_ok(&out);
        assert_eq!(mode(&path), 0o640);
        assert_eq!(fs::read_to_string(&path).unwrap(), SCHEMA_FILE);
    }
    assert_eq!(
        files_in(&dir.path().join(".vscode")),
        ["users-and-groups.schema.json"]
    );
}

#[test]
fn a_file_the_schema_cannot_replace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let out = run(dir.path(), &["schema", "-o", "sub"], b"");
    assert_error(&out, "error: cannot write sub: it is a directory");
    assert_eq!(stdout(&out), "");
    let out = run(dir.path(), &["schema", "extra"], b"");
    assert_eq!(code(&out), 2);
}
