//! The published JSON Schema against the core's own rules: every file the
//! core reads cleanly the schema accepts, every file the core refuses for
//! its shape the schema refuses too, except for the rules that
//! `schema.rs` lists as beyond a schema.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proget_users_core::parse::parse_str;
use proget_users_core::sample;
use proget_users_core::schema::{self, SCHEMA};
use proget_users_core::validate::{validate, Severity};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn schema_json() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(&schema_json()).expect("the schema compiles"))
}

/// The schema's verdict on `text`, with its complaints when it refuses.
fn schema_verdict(text: &str) -> Result<(), Vec<String>> {
    let instance: Value = serde_json::from_str(text).expect("test files are JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What the core makes of a file: the name of its first refusal (a parse
/// error kind or an error [`Problem`]), else of its first warning.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Core {
    Accepts,
    Warns(String),
    Refuses(String),
}

/// `WrongType { .. }` and `DuplicateKey("a")` as `WrongType`, `DuplicateKey`.
fn variant(debug: String) -> String {
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn core_verdict(text: &str) -> Core {
    let file = match parse_str(text) {
        Ok(parsed) => parsed.file,
        Err(e) => return Core::Refuses(variant(format!("{:?}", e.first().kind))),
    };
    let findings = validate(&file);
    match findings.first() {
        None => Core::Accepts,
        Some(f) if f.severity() == Severity::Error => {
            Core::Refuses(variant(format!("{:?}", f.problem)))
        }
        Some(f) => Core::Warns(variant(format!("{:?}", f.problem))),
    }
}

const HASH: &str =
    r#""passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==""#;

/// A file of one user with these fields, in declared group "g".
fn user(fields: &str) -> String {
    format!(r#"{{"users": [{{{fields}}}], "groups": ["g"]}}"#)
}

/// A user named jDoe with a good hash and these fields too.
fn jdoe(extra: &str) -> String {
    user(&format!(
        r#""userName": "jDoe", {HASH}, "groups": ["g"]{extra}"#
    ))
}

/// What the schema does with a file the core refuses or warns about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Schema {
    /// Refuses it, as the core does.
    Refuses,
    /// Accepts it: the core accepts it or only warns.
    Accepts,
    /// Accepts it though the core refuses it: one of the rules `schema.rs`
    /// lists under "What a schema cannot say".
    CannotSay,
}

/// Each rule of the core, a file that breaks it, the core's verdict and the
/// schema's. One row a rule, so the table reads as one.
#[rustfmt::skip]
fn cases() -> Vec<(&'static str, String, Core, Schema)> {
    let refuses = |name: &str| Core::Refuses(name.to_owned());
    let warns = |name: &str| Core::Warns(name.to_owned());
    let wrong = refuses("WrongType");
    vec![
        // Files the core reads cleanly.
        ("the example export", include_str!("fixtures/example-export.json").to_owned(), Core::Accepts, Schema::Accepts),
        ("an empty object", "{}".to_owned(), Core::Accepts, Schema::Accepts),
        ("no users", r#"{"users": [], "groups": []}"#.to_owned(), Core::Accepts, Schema::Accepts),
        ("unknown fields everywhere", format!(r#"{{"users": [{{"userName": "jDoe", {HASH}, "isDisabled": true, "x": {{"y": [1.50]}}}}], "groups": [], "exportedBy": "ProGet 2024"}}"#), Core::Accepts, Schema::Accepts),
        ("a $schema key", format!(r#"{{"$schema": "./{}", "users": []}}"#, schema::FILE_NAME), Core::Accepts, Schema::Accepts),
        ("null display name and email", jdoe(r#", "displayName": null, "emailAddress": null"#), Core::Accepts, Schema::Accepts),
        ("groups differing in case", r#"{"users": [], "groups": ["Dev", "dev"]}"#.to_owned(), Core::Accepts, Schema::Accepts),
        ("a user name of a BOM (not white space to Rust)", user(&format!(r#""userName": "\ufeff", {HASH}"#)), Core::Accepts, Schema::Accepts),
        // Shapes parse refuses.
        ("the root is an array", "[]".to_owned(), wrong.clone(), Schema::Refuses),
        ("the root is a string", r#""users""#.to_owned(), wrong.clone(), Schema::Refuses),
        ("users is an object", r#"{"users": {}}"#.to_owned(), wrong.clone(), Schema::Refuses),
        ("users is null", r#"{"users": null}"#.to_owned(), wrong.clone(), Schema::Refuses),
        ("a user is a string", r#"{"users": ["jDoe"]}"#.to_owned(), wrong.clone(), Schema::Refuses),
        ("userName is a number", user(&format!(r#""userName": 7, {HASH}"#)), wrong.clone(), Schema::Refuses),
        ("userName is null", user(&format!(r#""userName": null, {HASH}"#)), wrong.clone(), Schema::Refuses),
        ("displayName is a number", jdoe(r#", "displayName": 1"#), wrong.clone(), Schema::Refuses),
        ("emailAddress is an array", jdoe(r#", "emailAddress": []"#), wrong.clone(), Schema::Refuses),
        ("password is a boolean", user(r#""userName": "jDoe", "password": true"#), wrong.clone(), Schema::Refuses),
        ("passwordBytes is a number", user(r#""userName": "jDoe", "passwordBytes": 20, "saltBytes": "sBaGqDLnTykFGQ==""#), wrong.clone(), Schema::Refuses),
        ("saltBytes is an object", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": {}"#), wrong.clone(), Schema::Refuses),
        ("a user's groups is a string", user(&format!(r#""userName": "jDoe", {HASH}, "groups": "g""#)), wrong.clone(), Schema::Refuses),
        ("a user's groups is null", user(&format!(r#""userName": "jDoe", {HASH}, "groups": null"#)), wrong.clone(), Schema::Refuses),
        ("a user's group is a number", user(&format!(r#""userName": "jDoe", {HASH}, "groups": [1]"#)), wrong.clone(), Schema::Refuses),
        ("groups is an object", r#"{"users": [], "groups": {}}"#.to_owned(), wrong.clone(), Schema::Refuses),
        ("a declared group is null", r#"{"users": [], "groups": [null]}"#.to_owned(), wrong.clone(), Schema::Refuses),
        // Errors validate finds.
        ("no userName", user(HASH), refuses("MissingUserName"), Schema::Refuses),
        ("an empty userName", user(&format!(r#""userName": "", {HASH}"#)), refuses("EmptyUserName"), Schema::Refuses),
        ("a userName of spaces and tabs", user(&format!(r#""userName": " \t ", {HASH}"#)), refuses("EmptyUserName"), Schema::Refuses),
        ("a userName of U+0085 (white space to Rust, not to ECMAScript)", user(&format!(r#""userName": "\u0085", {HASH}"#)), refuses("EmptyUserName"), Schema::Refuses),
        ("a userName of ideographic space", user(&format!(r#""userName": "\u3000", {HASH}"#)), refuses("EmptyUserName"), Schema::Refuses),
        ("passwordBytes without saltBytes", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=""#), refuses("PasswordBytesWithoutSalt"), Schema::Refuses),
        ("passwordBytes with a null saltBytes", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": null"#), refuses("PasswordBytesWithoutSalt"), Schema::Refuses),
        ("saltBytes without passwordBytes", user(r#""userName": "jDoe", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("SaltWithoutPasswordBytes"), Schema::Refuses),
        ("saltBytes with a null passwordBytes", user(r#""userName": "jDoe", "passwordBytes": null, "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("SaltWithoutPasswordBytes"), Schema::Refuses),
        ("passwordBytes is not base64", user(r#""userName": "jDoe", "passwordBytes": "not base64 at all, no!!", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("InvalidBase64"), Schema::Refuses),
        ("passwordBytes without padding", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("InvalidBase64"), Schema::Refuses),
        ("passwordBytes with unused bits set", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ5=", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("InvalidBase64"), Schema::Refuses),
        ("passwordBytes in the URL-safe alphabet", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA_yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("InvalidBase64"), Schema::Refuses),
        ("passwordBytes with a line end", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=\n", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("InvalidBase64"), Schema::Refuses),
        ("passwordBytes of 3 bytes", user(r#""userName": "jDoe", "passwordBytes": "AAAA", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("PasswordBytesLength"), Schema::Refuses),
        ("passwordBytes of 32 bytes", user(&format!(r#""userName": "jDoe", "passwordBytes": "{}", "saltBytes": "sBaGqDLnTykFGQ==""#, STANDARD.encode([7u8; 32]) )), refuses("PasswordBytesLength"), Schema::Refuses),
        ("an empty passwordBytes", user(r#""userName": "jDoe", "passwordBytes": "", "saltBytes": "sBaGqDLnTykFGQ==""#), refuses("PasswordBytesLength"), Schema::Refuses),
        ("saltBytes is not base64", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ=""#), refuses("InvalidBase64"), Schema::Refuses),
        ("a group declared twice", r#"{"users": [], "groups": ["g", "g"]}"#.to_owned(), refuses("DuplicateGroup"), Schema::Refuses),
        // Errors beyond a schema (listed in schema.rs).
        ("a user name used twice", format!(r#"{{"users": [{{"userName": "a", {HASH}}}, {{"userName": "a", {HASH}}}]}}"#), refuses("DuplicateUserName"), Schema::CannotSay),
        ("a key twice in one user", user(&format!(r#""userName": "a", "userName": "b", {HASH}"#)), refuses("DuplicateKey"), Schema::CannotSay),
        // Warnings, which the schema leaves alone.
        ("names differing in case", format!(r#"{{"users": [{{"userName": "jdoe", {HASH}}}, {{"userName": "jDoe", {HASH}}}]}}"#), warns("UserNamesDifferInCase"), Schema::Accepts),
        ("an undeclared group", user(&format!(r#""userName": "jDoe", {HASH}, "groups": ["h"]"#)), warns("UndeclaredGroup"), Schema::Accepts),
        ("a plaintext password beside a hash", jdoe(r#", "password": "x""#), warns("PasswordAndHash"), Schema::Accepts),
        ("no password", user(r#""userName": "jDoe""#), warns("NoPassword"), Schema::Accepts),
        ("null passwordBytes and saltBytes", user(r#""userName": "jDoe", "passwordBytes": null, "saltBytes": null"#), warns("NoPassword"), Schema::Accepts),
        ("a salt of 8 bytes", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "AAAAAAAAAAA=""#), warns("SaltLength"), Schema::Accepts),
        ("an empty salt", user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": """#), warns("SaltLength"), Schema::Accepts),
        ("an implausible email", jdoe(r#", "emailAddress": "jdoe at example""#), warns("InvalidEmail"), Schema::Accepts),
        ("a plaintext password", user(r#""userName": "jDoe", "password": "s3cret""#), warns("PlaintextPasswords"), Schema::Accepts),
    ]
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema_json();
    assert_eq!(schema["$schema"], schema::DIALECT);
    jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{e}"));
    assert!(SCHEMA.ends_with("}\n"), "the file ends with a line end");
}

#[test]
fn each_rule_of_the_core_gets_the_schemas_verdict() {
    let mut wrong = Vec::new();
    for (name, text, expected_core, expected_schema) in cases() {
        let core = core_verdict(&text);
        if core != expected_core {
            wrong.push(format!(
                "{name}: the core says {core:?}, not {expected_core:?}"
            ));
            continue;
        }
        let schema = schema_verdict(&text);
        let agrees = match expected_schema {
            Schema::Refuses => schema.is_err(),
            Schema::Accepts | Schema::CannotSay => schema.is_ok(),
        };
        if !agrees {
            wrong.push(format!(
                "{name}: the schema says {schema:?}, not {expected_schema:?}"
            ));
        }
        // The table itself must be consistent: the schema refuses exactly
        // what the core refuses, bar the rules beyond a schema.
        let core_refuses = matches!(core, Core::Refuses(_));
        assert_eq!(
            core_refuses,
            expected_schema != Schema::Accepts,
            "{name}: a refusal needs Refuses or CannotSay"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_schema_says_where_and_why() {
    let text = user(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=""#);
    let errors = schema_verdict(&text).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/users/0: ") && e.contains("saltBytes")),
        "{errors:?}"
    );
}

#[test]
fn generated_directories_validate_laid_out_and_minified() {
    for users in [0, 1, 40, 2_000] {
        let text = sample::directory(users);
        assert_eq!(schema_verdict(&text), Ok(()), "{users} users");
        assert_eq!(
            schema_verdict(&sample::one_line(&text)),
            Ok(()),
            "{users} users, one line"
        );
    }
}

#[test]
fn user_names_of_white_space_agree_with_rust_for_every_character() {
    let name_is_blank = |name: &str| {
        let text = user(&format!(
            r#""userName": {}, {HASH}"#,
            serde_json::to_string(name).unwrap()
        ));
        let core = core_verdict(&text);
        let schema = schema_verdict(&text);
        assert_eq!(
            core == Core::Refuses("EmptyUserName".into()),
            schema.is_err(),
            "U+{:04X}: core {core:?}, schema {schema:?}",
            name.chars().next().map_or(0, u32::from)
        );
        schema.is_err()
    };
    let mut blank = 0;
    for c in (0..=0x3000)
        .chain([0xFEFF, 0xFFFF, 0x1_F600, 0x10_FFFF])
        .filter_map(char::from_u32)
    {
        blank += usize::from(name_is_blank(&c.to_string()));
        assert!(!name_is_blank(&format!(" {c}x ")));
    }
    // Every character of Unicode's White_Space property, and no other.
    assert_eq!(blank, 25);
}

/// Base64 strings near the valid ones: a valid encoding with one character
/// changed, dropped or added, or any short run of base64-ish characters.
fn base64ish() -> impl Strategy<Value = String> {
    let encoded = proptest::collection::vec(any::<u8>(), 0..40).prop_map(|b| STANDARD.encode(b));
    let mutated = (
        encoded.clone(),
        any::<prop::sample::Index>(),
        "[A-Za-z0-9+/=_\\- ]",
        0..3u8,
    )
        .prop_map(|(mut s, at, c, how)| {
            let i = if s.is_empty() { 0 } else { at.index(s.len()) };
            match how {
                0 if !s.is_empty() => {
                    s.replace_range(i..=i, &c);
                }
                1 if !s.is_empty() => {
                    s.remove(i);
                }
                _ => s.insert_str(i, &c),
            }
            s
        });
    prop_oneof![encoded, mutated, "[A-Za-z0-9+/=]{0,32}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The schema's base64 patterns refuse exactly what the core refuses:
    /// a `saltBytes` the `base64` crate cannot decode, a `passwordBytes`
    /// that is not 20 bytes of it.
    #[test]
    fn base64_fields_agree_with_the_core(value in base64ish()) {
        let value = serde_json::to_string(&value).unwrap();
        let salt = user(&format!(r#""userName": "jDoe", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": {value}"#));
        let core = core_verdict(&salt);
        prop_assert_eq!(matches!(core, Core::Refuses(_)), schema_verdict(&salt).is_err(), "saltBytes {}: {:?}", value, core);
        let hash = user(&format!(r#""userName": "jDoe", "passwordBytes": {value}, "saltBytes": "sBaGqDLnTykFGQ==""#));
        let core = core_verdict(&hash);
        prop_assert_eq!(matches!(core, Core::Refuses(_)), schema_verdict(&hash).is_err(), "passwordBytes {}: {:?}", value, core);
    }
}
