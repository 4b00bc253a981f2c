//! Checking files: each error and warning, with its severity and place.

use proget_users_core::model::{User, UsersFile};
use proget_users_core::validate::{validate, Finding, Problem, Severity};
use proget_users_core::JsonPath;

mod support;
use support::file;

const HASH: &str =
    r#""passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==""#;

/// A file of `users` (JSON objects) and declared `groups`.
fn with(users: &[String], groups: &str) -> UsersFile {
    file(&format!(
        "{{\"users\": [{}], \"groups\": [{groups}]}}",
        users.join(", ")
    ))
}

/// A user that raises nothing: a name, a good hash, a declared group "g".
fn good(name: &str) -> String {
    format!(r#"{{"userName": {name:?}, {HASH}, "groups": ["g"]}}"#)
}

fn one(problem: Problem, path: JsonPath) -> Vec<Finding> {
    vec![Finding { problem, path }]
}

/// Asserts that `file` raises `problem` at `path` and nothing else, and
/// that it is of `severity`; returns the finding.
#[track_caller]
fn only(file: &UsersFile, problem: Problem, path: JsonPath, severity: Severity) -> Finding {
    let findings = validate(file);
    assert_eq!(findings, one(problem, path));
    assert_eq!(findings[0].severity(), severity);
    findings.into_iter().next().unwrap()
}

#[test]
fn a_clean_file_has_no_findings() {
    let example = file(proget_users_core::sample::EXAMPLE_EXPORT);
    assert_eq!(validate(&example), []);
    assert_eq!(validate(&with(&[good("a"), good("b")], "\"g\"")), []);
    assert_eq!(validate(&UsersFile::new()), []);
}

#[test]
fn a_user_without_user_name_is_an_error() {
    let f = with(
        &[good("a"), format!(r#"{{{HASH}, "groups": ["g"]}}"#)],
        "\"g\"",
    );
    let findings = validate(&f);
    assert_eq!(findings, one(Problem::MissingUserName, JsonPath::user(1)));
    assert_eq!(findings[0].severity(), Severity::Error);
    assert_eq!(
        findings[0].to_string(),
        "$.users[1]: error: the user has no userName"
    );
    // A user made in code without a name counts too.
    let mut f = UsersFile::new();
    f.users.push(User::default());
    assert_eq!(validate(&f)[0].problem, Problem::MissingUserName);
}

#[test]
fn an_empty_or_blank_user_name_is_an_error() {
    for name in ["", "  "] {
        let findings = validate(&with(&[good(name)], "\"g\""));
        assert_eq!(
            findings,
            one(Problem::EmptyUserName, JsonPath::user_field(0, "userName")),
            "{name:?}"
        );
        assert_eq!(findings[0].severity(), Severity::Error);
    }
}

#[test]
fn the_same_user_name_twice_is_an_error() {
    let finding = only(
        &with(&[good("a"), good("b"), good("a")], "\"g\""),
        Problem::DuplicateUserName {
            name: "a".into(),
            first: 0,
        },
        JsonPath::user_field(2, "userName"),
        Severity::Error,
    );
    assert_eq!(
        finding.to_string(),
        "$.users[2].userName: error: the user name \"a\" is used twice (first by users[0])"
    );
}

#[test]
fn user_names_differing_only_in_case_are_a_warning() {
    let finding = only(
        &with(&[good("jDoe"), good("x"), good("JDOE")], "\"g\""),
        Problem::UserNamesDifferInCase {
            name: "JDOE".into(),
            other: "jDoe".into(),
            first: 0,
        },
        JsonPath::user_field(2, "userName"),
        Severity::Warning,
    );
    assert_eq!(
        finding.problem.to_string(),
        "the user names \"JDOE\" and \"jDoe\" (users[0]) differ only in letter case"
    );
}

#[test]
fn the_same_group_declared_twice_is_an_error() {
    let finding = only(
        &with(&[good("a")], "\"g\", \"h\", \"g\""),
        Problem::DuplicateGroup {
            name: "g".into(),
            first: 0,
        },
        JsonPath::group(2),
        Severity::Error,
    );
    assert_eq!(
        finding.to_string(),
        "$.groups[2]: error: the group \"g\" is declared twice (first at groups[0])"
    );
}

#[test]
fn password_bytes_without_salt_is_an_error() {
    let u =
        r#"{"userName": "a", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "groups": ["g"]}"#;
    only(
        &with(&[u.into()], "\"g\""),
        Problem::PasswordBytesWithoutSalt,
        JsonPath::user_field(0, "passwordBytes"),
        Severity::Error,
    );
}

#[test]
fn salt_without_password_bytes_is_an_error() {
    let u = r#"{"userName": "a", "saltBytes": "sBaGqDLnTykFGQ==", "groups": ["g"]}"#;
    only(
        &with(&[u.into()], "\"g\""),
        Problem::SaltWithoutPasswordBytes,
        JsonPath::user_field(0, "saltBytes"),
        Severity::Error,
    );
}

#[test]
fn password_bytes_or_salt_not_base64_is_an_error() {
    let u = r#"{"userName": "a", "passwordBytes": "not base64!", "saltBytes": "sBaGqDLnTykFGQ==", "groups": ["g"]}"#;
    only(
        &with(&[u.into()], "\"g\""),
        Problem::InvalidBase64 {
            field: "passwordBytes",
        },
        JsonPath::user_field(0, "passwordBytes"),
        Severity::Error,
    );

    // Unpadded base64 is not what ProGet writes either.
    let u = r#"{"userName": "a", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ", "groups": ["g"]}"#;
    only(
        &with(&[u.into()], "\"g\""),
        Problem::InvalidBase64 { field: "saltBytes" },
        JsonPath::user_field(0, "saltBytes"),
        Severity::Error,
    );
}

#[test]
fn password_bytes_not_20_bytes_is_an_error() {
    // 16 bytes of base64.
    let u = r#"{"userName": "a", "passwordBytes": "AAAAAAAAAAAAAAAAAAAAAA==", "saltBytes": "sBaGqDLnTykFGQ==", "groups": ["g"]}"#;
    let finding = only(
        &with(&[u.into()], "\"g\""),
        Problem::PasswordBytesLength { len: 16 },
        JsonPath::user_field(0, "passwordBytes"),
        Severity::Error,
    );
    assert_eq!(
        finding.problem.to_string(),
        "passwordBytes is 16 bytes; ProGet's hashes are 20"
    );
}

#[test]
fn salt_not_10_bytes_is_a_warning() {
    let u = r#"{"userName": "a", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "AAAAAAAAAAAAAAAA", "groups": ["g"]}"#;
    only(
        &with(&[u.into()], "\"g\""),
        Problem::SaltLength { len: 12 },
        JsonPath::user_field(0, "saltBytes"),
        Severity::Warning,
    );
}

#[test]
fn a_user_in_an_undeclared_group_is_a_warning() {
    let u = format!(r#"{{"userName": "a", {HASH}, "groups": ["g", "Ghosts"]}}"#);
    let finding = only(
        &with(&[u], "\"g\""),
        Problem::UndeclaredGroup {
            group: "Ghosts".into(),
        },
        JsonPath::user_field(0, "groups").index(1),
        Severity::Warning,
    );
    assert_eq!(
        finding.to_string(),
        "$.users[0].groups[1]: warning: the group \"Ghosts\" is not in the file's groups"
    );
}

#[test]
fn both_a_password_and_password_bytes_is_a_warning() {
    let u = format!(r#"{{"userName": "a", {HASH}, "password": "pw", "groups": ["g"]}}"#);
    let findings = validate(&with(&[u], "\"g\""));
    assert_eq!(
        findings,
        vec![
            Finding {
                problem: Problem::PasswordAndHash,
                path: JsonPath::user_field(0, "password")
            },
            Finding {
                problem: Problem::PlaintextPasswords { count: 1 },
                path: JsonPath::root().key("users")
            },
        ]
    );
    assert!(findings.iter().all(|f| f.severity() == Severity::Warning));
}

#[test]
fn a_user_with_no_password_at_all_is_a_warning() {
    let findings = validate(&with(
        &[good("a"), r#"{"userName": "b", "groups": ["g"]}"#.into()],
        "\"g\"",
    ));
    assert_eq!(findings, one(Problem::NoPassword, JsonPath::user(1)));
    assert_eq!(findings[0].severity(), Severity::Warning);
    // null counts as none.
    let u = r#"{"userName": "b", "passwordBytes": null, "saltBytes": null, "password": null}"#;
    assert_eq!(
        validate(&with(&[u.into()], "")),
        one(Problem::NoPassword, JsonPath::user(0))
    );
}

#[test]
fn an_email_that_cannot_be_an_address_is_a_warning() {
    for email in ["jdoe", "jdoe@", "j doe@example.com", "a@b", "@example.com"] {
        let u =
            format!(r#"{{"userName": "a", "emailAddress": {email:?}, {HASH}, "groups": ["g"]}}"#);
        let findings = validate(&with(&[u], "\"g\""));
        assert_eq!(
            findings,
            one(
                Problem::InvalidEmail {
                    email: email.into()
                },
                JsonPath::user_field(0, "emailAddress")
            ),
            "{email}"
        );
        assert_eq!(findings[0].severity(), Severity::Warning);
    }
    // An empty email is no email, not a bad one.
    let u = format!(r#"{{"userName": "a", "emailAddress": "", {HASH}, "groups": ["g"]}}"#);
    assert_eq!(validate(&with(&[u], "\"g\"")), []);
}

#[test]
fn plaintext_passwords_are_counted_once_for_the_file() {
    let plain =
        |n: &str| format!(r#"{{"userName": "{n}", "password": "s3cret", "groups": ["g"]}}"#);
    let finding = only(
        &with(&[plain("a"), good("b"), plain("c")], "\"g\""),
        Problem::PlaintextPasswords { count: 2 },
        JsonPath::root().key("users"),
        Severity::Warning,
    );
    assert_eq!(
        finding.to_string(),
        "$.users: warning: 2 users have plaintext passwords"
    );
    assert!(!finding.to_string().contains("s3cret"));
    let one_user = validate(&with(&[plain("a")], "\"g\""));
    assert_eq!(
        one_user[0].problem.to_string(),
        "1 user has a plaintext password"
    );
}

#[test]
fn errors_come_before_warnings_each_in_file_order() {
    let f = with(
        &[
            r#"{"userName": "a", "groups": ["Ghost"]}"#.into(),
            good(""),
            good("b"),
            good("b"),
        ],
        "\"g\", \"g\"",
    );
    let got: Vec<(Severity, String)> = validate(&f)
        .iter()
        .map(|f| (f.severity(), f.path.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (Severity::Error, "$.groups[1]".into()),
            (Severity::Error, "$.users[1].userName".into()),
            (Severity::Error, "$.users[3].userName".into()),
            (Severity::Warning, "$.users[0]".into()),
            (Severity::Warning, "$.users[0].groups[0]".into()),
        ]
    );
}

/// What the page recomputes after an edit of a few users: the file-wide
/// checks and the checks of those users give what `validate` gives.
#[test]
fn validate_is_the_file_checks_and_each_users_checks() {
    use proget_users_core::validate::{check_file, check_user, Context};
    let f = with(
        &[
            r#"{"userName": "a", "password": "pw", "groups": ["Ghost"]}"#.into(),
            good("B"),
            good("b"),
            good("b"),
            r#"{"userName": "c", "emailAddress": "nope", "passwordBytes": "x"}"#.into(),
        ],
        "\"g\", \"g\"",
    );
    let context = Context::new(&f);
    let (mut parts, plaintext) = check_file(&f);
    for i in 0..f.users.len() {
        check_user(&context, i, &mut parts);
    }
    parts.extend(plaintext);
    parts.sort_by_key(|f| f.severity());
    assert_eq!(validate(&f), parts);
    assert!(parts.len() >= 7, "{parts:?}");

    let mut third = Vec::new();
    check_user(&context, 3, &mut third);
    assert_eq!(
        third,
        one(
            Problem::DuplicateUserName {
                name: "b".into(),
                first: 2
            },
            JsonPath::user_field(3, "userName")
        )
    );
    let mut none = Vec::new();
    check_user(&context, 99, &mut none);
    assert!(none.is_empty());
}
