//! Reading files: what is kept exactly, and how bad input is reported.

use proget_users_core::model::TextStyle;
use proget_users_core::parse::{parse, parse_str, ErrorKind, Expected, Found, ParseError};
use proget_users_core::path::Position;
use proget_users_core::write::{to_bytes, to_json};
use proget_users_core::JsonPath;

const EXAMPLE: &[u8] = include_bytes!("fixtures/example-export.json");

fn err(input: &[u8]) -> ParseError {
    match parse(input) {
        Ok(parsed) => panic!("expected an error, read {:?}", parsed.file),
        Err(e) => e,
    }
}

/// The only diagnostic of `input`, as (kind, path, "line:col").
fn only(input: &str) -> (ErrorKind, Option<String>, Option<String>) {
    let e = err(input.as_bytes());
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = e.first().clone();
    (
        d.kind,
        d.path.map(|p| p.to_string()),
        d.at.map(|a| a.to_string()),
    )
}

fn wrong(expected: Expected, found: Found) -> ErrorKind {
    ErrorKind::WrongType { expected, found }
}

#[test]
fn the_example_export_is_read_and_written_back_byte_for_byte() {
    let parsed = parse(EXAMPLE).unwrap();
    let file = &parsed.file;
    let names: Vec<&str> = file.users.iter().map(|u| u.user_name.as_str()).collect();
    assert_eq!(names, ["Admin", "jDoe"]);
    assert_eq!(file.groups, ["Administrators", "Developers"]);
    let jdoe = file.user("jDoe").unwrap();
    assert_eq!(jdoe.display_name.as_deref(), Some("John Doe"));
    assert_eq!(jdoe.email_address.as_deref(), Some("jdoe@example.com"));
    assert_eq!(
        jdoe.password_bytes.as_deref(),
        Some("2TrI7i+MckZCprLE1cP36M8snwg=")
    );
    assert_eq!(jdoe.salt_bytes.as_deref(), Some("rDSMubDRmbcURg=="));
    assert_eq!(jdoe.groups, ["Developers"]);
    assert_eq!(file.users[0].email_address, None);
    assert_eq!(
        file.style,
        TextStyle {
            bom: false,
            crlf: false,
            final_newline: true
        }
    );
    assert_eq!(
        String::from_utf8(to_bytes(file)).unwrap(),
        std::str::from_utf8(EXAMPLE).unwrap()
    );
}

#[test]
fn unknown_root_fields_keep_their_value_and_place() {
    let text = r#"{
  "version": 1.50,
  "users": [],
  "exportedBy": {
    "host": "proget.example.com",
    "count": 1e3,
    "tags": [
      "a",
      {
        "deep": null,
        "n": -0.0
      },
      []
    ],
    "empty": {}
  },
  "groups": [],
  "z": true
}
"#;
    let file = parse_str(text).unwrap().file;
    let keys: Vec<&str> = file.extra_fields().map(|(k, _)| k).collect();
    assert_eq!(keys, ["version", "exportedBy", "z"]);
    let (_, version) = file.extra_fields().next().unwrap();
    assert_eq!(version.to_string(), "1.50");
    let (_, exported) = file.extra_fields().nth(1).unwrap();
    assert_eq!(exported["count"].to_string(), "1e3");
    let inner: Vec<&String> = exported.as_object().unwrap().keys().collect();
    assert_eq!(inner, ["host", "count", "tags", "empty"]);
    assert_eq!(to_json(&file), text);
}

#[test]
fn unknown_user_fields_keep_their_value_and_place() {
    let text = r#"{
  "users": [
    {
      "id": 12345678901234567890,
      "userName": "jDoe",
      "settings": {
        "theme": "dark",
        "ratio": 1.50
      },
      "displayName": "John Doe",
      "UserName": "not ours: the case differs",
      "groups": [
        "Developers"
      ],
      "lastLogin": null
    }
  ],
  "groups": [
    "Developers"
  ]
}
"#;
    let file = parse_str(text).unwrap().file;
    let user = &file.users[0];
    assert_eq!(user.user_name, "jDoe");
    let extra: Vec<(&str, String)> = user
        .extra_fields()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    assert_eq!(
        extra,
        [
            ("id", "12345678901234567890".to_owned()),
            ("settings", r#"{"theme":"dark","ratio":1.50}"#.to_owned()),
            ("UserName", r#""not ours: the case differs""#.to_owned()),
            ("lastLogin", "null".to_owned()),
        ]
    );
    assert_eq!(to_json(&file), text);
}

#[test]
fn a_null_display_name_stays_null() {
    let text = "{\n  \"users\": [\n    {\n      \"userName\": \"a\",\n      \"displayName\": null,\n      \"emailAddress\": null\n    }\n  ]\n}\n";
    let file = parse_str(text).unwrap().file;
    assert_eq!(file.users[0].display_name, None);
    assert!(file.users[0].has_key(proget_users_core::model::Key::DisplayName));
    assert_eq!(to_json(&file), text);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_kept() {
    let crlf = std::str::from_utf8(EXAMPLE).unwrap().replace('\n', "\r\n");
    let with_bom = format!("\u{feff}{crlf}");
    let parsed = parse(with_bom.as_bytes()).unwrap();
    assert_eq!(
        parsed.file.style,
        TextStyle {
            bom: true,
            crlf: true,
            final_newline: true
        }
    );
    assert_eq!(to_bytes(&parsed.file), with_bom.as_bytes());

    let no_final = crlf.trim_end();
    let parsed = parse(no_final.as_bytes()).unwrap();
    assert!(!parsed.file.style.bom && parsed.file.style.crlf && !parsed.file.style.final_newline);
    assert_eq!(to_json(&parsed.file), no_final);
    // parse_str takes the mark as a char.
    assert!(parse_str(&with_bom).unwrap().file.style.bom);
}

#[test]
fn names_with_escapes_and_unicode_are_decoded_and_written_back() {
    let text = "{\n  \"users\": [\n    {\n      \"userName\": \"q\\\"b\\\\s\\n\\u0001\",\n      \"displayName\": \"Zoë 名前 🔑\",\n      \"groups\": [\n        \"tab\\there\"\n      ]\n    }\n  ],\n  \"groups\": [\n    \"tab\\there\"\n  ]\n}\n";
    let file = parse_str(text).unwrap().file;
    assert_eq!(file.users[0].user_name, "q\"b\\s\n\u{1}");
    assert_eq!(file.users[0].display_name.as_deref(), Some("Zoë 名前 🔑"));
    assert_eq!(file.groups, ["tab\there"]);
    assert_eq!(to_json(&file), text);
    // An escape that need not be one is decoded, and written plainly.
    let file = parse_str(r#"{"users":[{"userName":"\u006a\u00e9"}]}"#)
        .unwrap()
        .file;
    assert_eq!(file.users[0].user_name, "jé");
}

#[test]
fn a_root_that_is_not_an_object_is_an_error_at_the_root() {
    for (text, found) in [
        ("[]", Found::Array),
        ("\"users\"", Found::String),
        ("42", Found::Number),
        ("null", Found::Null),
        ("true", Found::Bool),
    ] {
        assert_eq!(
            only(&format!("\n  {text}")),
            (
                wrong(Expected::RootObject, found),
                Some("$".into()),
                Some("2:3".into())
            ),
            "{text}"
        );
    }
}

#[test]
fn users_that_are_not_an_array_is_an_error_with_path_and_line() {
    assert_eq!(
        only("{\n  \"users\": {\"userName\": \"a\"},\n  \"groups\": []\n}"),
        (
            wrong(Expected::UserArray, Found::Object),
            Some("$.users".into()),
            Some("2:12".into())
        )
    );
    assert_eq!(
        only("{\"groups\": [], \"users\": \"jDoe\"}").0,
        wrong(Expected::UserArray, Found::String)
    );
}

#[test]
fn a_user_that_is_not_an_object_is_an_error() {
    assert_eq!(
        only("{\"users\": [{}, \"jDoe\"]}"),
        (
            wrong(Expected::UserObject, Found::String),
            Some("$.users[1]".into()),
            Some("1:16".into())
        )
    );
}

#[test]
fn groups_of_a_user_given_as_a_string_is_an_error_with_path_and_line() {
    let text = "{\n  \"users\": [\n    {\n      \"userName\": \"jDoe\",\n      \"groups\": \"Developers\"\n    }\n  ]\n}";
    assert_eq!(
        only(text),
        (
            wrong(Expected::NameArray, Found::String),
            Some("$.users[0].groups".into()),
            Some("5:17".into())
        )
    );
    assert_eq!(
        only("{\"users\": [], \"groups\": \"Developers\"}"),
        (
            wrong(Expected::NameArray, Found::String),
            Some("$.groups".into()),
            Some("1:25".into())
        )
    );
}

#[test]
fn a_number_where_a_name_belongs_is_an_error_with_path_and_line() {
    let text = "{\n  \"users\": [\n    {\"userName\": 42},\n    {\"userName\": \"b\", \"groups\": [\"x\", 7]}\n  ],\n  \"groups\": [\"x\", 3.5]\n}";
    let e = err(text.as_bytes());
    let got: Vec<(ErrorKind, String, Position)> = e
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.kind.clone(),
                d.path.clone().unwrap().to_string(),
                d.at.unwrap(),
            )
        })
        .collect();
    let at = |line, column, offset| Position {
        line,
        column,
        offset,
    };
    assert_eq!(
        got,
        [
            (
                wrong(Expected::Name, Found::Number),
                "$.users[0].userName".to_owned(),
                at(3, 18, 32)
            ),
            (
                wrong(Expected::Name, Found::Number),
                "$.users[1].groups[1]".to_owned(),
                at(4, 39, 75)
            ),
            (
                wrong(Expected::Name, Found::Number),
                "$.groups[1]".to_owned(),
                at(6, 19, 102)
            ),
        ]
    );
    assert_eq!(&text[32..34], "42");
    assert_eq!(&text[75..76], "7");
    assert_eq!(&text[102..105], "3.5");
    assert_eq!(
        e.to_string(),
        "3:18: $.users[0].userName: expected a name (a string), found a number\n\
         4:39: $.users[1].groups[1]: expected a name (a string), found a number\n\
         6:19: $.groups[1]: expected a name (a string), found a number"
    );
}

#[test]
fn a_number_or_object_where_text_belongs_is_an_error() {
    assert_eq!(
        only(
            "{\"users\": [{\"userName\": \"a\", \"displayName\": 1, \"emailAddress\": \"a@b.c\"}]}"
        ),
        (
            wrong(Expected::Text, Found::Number),
            Some("$.users[0].displayName".into()),
            Some("1:45".into())
        )
    );
    assert_eq!(
        only("{\"users\": [{\"userName\": \"a\", \"passwordBytes\": {}}]}").1,
        Some("$.users[0].passwordBytes".into())
    );
}

#[test]
fn a_key_given_twice_is_an_error() {
    assert_eq!(
        only("{\"users\": [], \"groups\": [],\n \"users\": []}"),
        (
            ErrorKind::DuplicateKey("users".into()),
            Some("$".into()),
            Some("2:2".into())
        )
    );
}

#[test]
fn syntax_errors_have_line_and_column() {
    let (kind, path, at) = only("{\n  \"users\": [\n    {\"userName\": \"a\"}\n  ,\n}");
    assert_eq!(kind, ErrorKind::Syntax("trailing comma".into()));
    assert_eq!(path, None);
    assert_eq!(at.as_deref(), Some("5:1"));
    let (kind, _, at) = only("{\"users\": [");
    assert!(matches!(kind, ErrorKind::Syntax(_)), "{kind:?}");
    assert_eq!(at.as_deref(), Some("1:11"));
    let (kind, _, at) = only("{\"users\": []} x");
    assert_eq!(kind, ErrorKind::Syntax("trailing characters".into()));
    assert_eq!(at.as_deref(), Some("1:15"));
}

#[test]
fn a_syntax_error_next_to_a_non_ascii_character_has_a_place() {
    // serde_json counts columns in bytes; the place is the offending character.
    for (text, at) in [
        ("{\"a\": tß}", "1:8"),
        ("{\"a\": nulß}", "1:10"),
        ("{\"a\": \"\\ß\"}", "1:9"),
        ("{\"ßß\": 1,ß}", "1:10"),
        ("{\"a\": 1ß}", "1:8"),
        ("{\"é\": [1 é]}", "1:10"),
    ] {
        let e = err(text.as_bytes());
        assert!(
            matches!(e.first().kind, ErrorKind::Syntax(_)),
            "{text}: {e}"
        );
        assert_eq!(e.first().at.unwrap().to_string(), at, "{text}: {e}");
    }
}

#[test]
fn an_escape_that_is_half_a_character_is_an_error_not_lost_data() {
    // Lone UTF-16 surrogates cannot become text; reading must not quietly
    // replace the value by something else.
    for text in [
        r#"{"users": [{"userName": "a\ud800b"}]}"#,
        r#"{"users": [{"userName": "a", "displayName": "\udc00"}]}"#,
        r#"{"users": [], "groups": ["\ud83d"]}"#,
        r#"{"users": [], "extra": {"k": "\ud800"}}"#,
        r#"{"users": [{"userName": "a", "extra": ["\udfff"]}]}"#,
    ] {
        let e = err(text.as_bytes());
        assert!(
            e.first().at.is_some(),
            "{text}: an error needs a place: {e}"
        );
    }
    // A proper pair is one character.
    let file = parse_str(r#"{"users": [{"userName": "\ud83d\udd11"}]}"#)
        .unwrap()
        .file;
    assert_eq!(file.users[0].user_name, "🔑");
}

#[test]
fn empty_and_blank_input_is_an_error() {
    for input in [
        &b""[..],
        b"   ",
        b"\r\n\t",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF \n",
    ] {
        assert_eq!(err(input).first().kind, ErrorKind::Empty, "{input:?}");
    }
}

#[test]
fn binary_input_is_an_error() {
    let e = err(b"{\"users\": [\xC3\x28]}");
    assert_eq!(e.first().kind, ErrorKind::NotUtf8);
    assert_eq!(e.first().at.unwrap().to_string(), "1:12");
    assert_eq!(err(b"\xFF\xFE{\x00}\x00").first().kind, ErrorKind::Utf16);
    assert_eq!(err(b"\xFE\xFF\x00{").first().kind, ErrorKind::Utf16);
    assert!(matches!(
        err(b"\x00\x01\x02\x03").first().kind,
        ErrorKind::Syntax(_)
    ));
    // Every byte value, in a pseudo-random order.
    let mut state = 0x2545F4914F6CDD1Du64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    assert!(parse(&noise).is_err());
}

#[test]
fn a_hundred_thousand_nested_brackets_are_an_error_not_a_crash() {
    let open = "[".repeat(100_000);
    let balanced = format!("{open}{}", "]".repeat(100_000));
    let objects = "{\"a\":".repeat(100_000);
    let in_users = format!("{{\"users\": [{{\"x\": {open}");
    for text in [&open, &balanced, &objects, &in_users] {
        let e = err(text.as_bytes());
        assert_eq!(e.first().kind, ErrorKind::TooDeep);
        assert!(e.first().at.is_some());
    }
}

#[test]
fn nesting_just_inside_the_limit_is_kept() {
    // users > [ > user > extra: the extra field's value nests 120 deep.
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let text = format!("{{\"users\": [{{\"userName\": \"a\", \"x\": {deep}}}]}}");
    let file = parse_str(&text).unwrap().file;
    let again = parse_str(&to_json(&file)).unwrap().file;
    assert_eq!(again, file);
    let (_, value) = file.users[0].extra_fields().next().unwrap();
    assert_eq!(value.to_string(), deep);
}

#[test]
fn input_over_64_mib_is_refused_before_reading() {
    let mut big = b"{\"users\": [".to_vec();
    big.resize(65 * 1024 * 1024, b' ');
    let e = err(&big);
    assert_eq!(
        e.first().kind,
        ErrorKind::TooLarge {
            len: 65 * 1024 * 1024
        }
    );
    assert_eq!(
        e.to_string(),
        "the file is 65 MiB; files over 64 MiB are not read"
    );
    let text = String::from_utf8(big).unwrap();
    assert!(matches!(
        parse_str(&text).unwrap_err().first().kind,
        ErrorKind::TooLarge { .. }
    ));
}

#[test]
fn many_wrong_shapes_are_listed_up_to_a_limit() {
    let users: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    let text = format!("{{\"users\": [{}]}}", users.join(","));
    let e = err(text.as_bytes());
    assert_eq!(e.diagnostics.len(), 101);
    assert_eq!(e.diagnostics[0].path, Some(JsonPath::user(0)));
    assert_eq!(e.diagnostics[99].path, Some(JsonPath::user(99)));
    assert_eq!(e.diagnostics[100].kind, ErrorKind::TooManyProblems);
}

#[test]
fn the_source_map_gives_the_line_of_a_user_and_its_fields() {
    let parsed = parse(EXAMPLE).unwrap();
    let at = |p: JsonPath| parsed.source.locate(&p).unwrap().to_string();
    assert_eq!(at(JsonPath::user(1)), "12:5");
    assert_eq!(at(JsonPath::user_field(1, "emailAddress")), "15:23");
    assert_eq!(at(JsonPath::user_field(1, "groups").index(0)), "19:9");
    assert_eq!(at(JsonPath::group(1)), "25:5");
    // A field the user lacks points at the user.
    assert_eq!(at(JsonPath::user_field(0, "emailAddress")), "3:5");
}
