//! `proget-users verify FILE USER`.

use crate::util::*;

#[test]
fn answers_with_its_exit_code() {
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
    assert_eq!(
        verify("users.json", "Admin", b"admin\n"),
        (1, "the password of \"Admin\" does not match\n".to_owned())
    );
    let codes: [(&str, &[u8], i32); 6] = [
        // Windows line ends, no line end, and letter case of the user name.
        ("Admin", b"Admin\r\n", 0),
        ("Admin", b"Admin", 0),
        ("ADMIN", b"Admin\nignored\n", 0),
        // Only the line end is stripped.
        ("Admin", b"Admin \n", 1),
        ("Admin", b"\n", 1),
        ("jDoe", b"Admin\n", 1),
    ];
    for (user, stdin, code) in codes {
        assert_eq!(
            verify("users.json", user, stdin).0,
            code,
            "{user} {stdin:?}"
        );
    }

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
fn a_broken_file_exits_2_not_1() {
    let dir = dir_with(&[("broken.json", SYNTAX_ERROR)]);
    let out = run(dir.path(), &["verify", "broken.json", "a"], b"x\n");
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "broken.json:3:22: error: trailing comma\n");
}

#[test]
fn accepts_what_hash_wrote() {
    let dir = dir_with(&[("users.json", PLAINTEXT)]);
    let out = run(dir.path(), &["hash", "users.json", "-o", "users.json"], b"");
    assert_eq!(code(&out), 0);
    let ok = run(
        dir.path(),
        &["verify", "users.json", "kim"],
        "pässwörd 🔑 密码\n".as_bytes(),
    );
    assert_ok(&ok);
}
