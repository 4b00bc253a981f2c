//! Reading files: what is kept exactly, and how bad input is reported.

use proget_users_core::model::{LineEnd, TextStyle};
use proget_users_core::parse::{
    parse, parse_str, ErrorKind, Expected, Found, Hint, Limit, ParseError, Syntax, MAX_DIAGNOSTICS,
    MAX_USERS, MAX_VALUES,
};
use proget_users_core::path::Position;
use proget_users_core::sample;
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
    assert_eq!(file.style, TextStyle::default());
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
    assert_eq!(
        exported.as_str(),
        r#"{"host":"proget.example.com","count":1e3,"tags":["a",{"deep":null,"n":-0.0},[]],"empty":{}}"#
    );
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
            line_end: LineEnd::CrLf,
            ..TextStyle::default()
        }
    );
    assert_eq!(to_bytes(&parsed.file), with_bom.as_bytes());

    let no_final = crlf.trim_end();
    let parsed = parse(no_final.as_bytes()).unwrap();
    let style = parsed.file.style;
    assert!(!style.bom && style.line_end == LineEnd::CrLf && !style.final_newline);
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
    // An escape that need not be one is decoded, and kept as written
    // while the name is not changed; a new name is written plainly, or, in
    // a file that spells everything outside ASCII as escapes, like that.
    let text = r#"{"users":[{"userName":"\u006a\u00e9","x":"\u00e9"}]}"#;
    let mut file = parse_str(text).unwrap().file;
    assert_eq!(file.users[0].user_name, "jé");
    assert_eq!(to_json(&file), text);
    file.users[0].set_user_name("jé2".into());
    assert_eq!(
        to_json(&file),
        r#"{"users":[{"userName":"j\u00e92","x":"\u00e9"}]}"#
    );
    let mut file = parse_str(&text.replace("\\u006a", "j")).unwrap().file;
    file.users[0].set_user_name("jé3".into());
    assert_eq!(
        to_json(&file),
        r#"{"users":[{"userName":"j\u00e93","x":"\u00e9"}]}"#
    );
    let mut file = parse_str(&text.replace("\\u006a", "é")).unwrap().file;
    file.users[0].set_user_name("jé4".into());
    assert_eq!(
        to_json(&file),
        r#"{"users":[{"userName":"jé4","x":"\u00e9"}]}"#
    );
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
            ErrorKind::DuplicateKey {
                key: "users".into(),
                first: Position {
                    line: 1,
                    column: 2,
                    offset: 1
                }
            },
            Some("$".into()),
            Some("2:2".into())
        )
    );
}

/// The first diagnostic of `input`, as the CLI and the page show it.
fn first(input: &str) -> String {
    err(input.as_bytes()).first().to_string()
}

#[test]
fn syntax_errors_have_line_and_column() {
    let (kind, path, at) = only("{\n  \"users\": [\n    {\"userName\": \"a\"}\n  ,\n}");
    assert!(
        matches!(
            kind,
            ErrorKind::Syntax {
                problem: Syntax::TrailingComma,
                ..
            }
        ),
        "{kind:?}"
    );
    assert_eq!(path, None);
    assert_eq!(at.as_deref(), Some("5:1"));
    assert_eq!(
        first("{\"users\": []} x"),
        "1:15: trailing characters: `x` after the end of the JSON"
    );
}

#[test]
fn a_syntax_error_next_to_a_non_ascii_character_has_a_place() {
    // Columns count characters; the place is where the wrong token starts.
    for (text, at) in [
        ("{\"a\": tß}", "1:7: expected a value, found `tß`"),
        ("{\"a\": nulß}", "1:7: expected a value, found `nulß`"),
        ("{\"a\": \"\\ß\"}", "1:8: invalid escape in a string"),
        (
            "{\"ßß\": 1,ß}",
            "1:10: expected a key in double quotes, found `ß`; keys take double quotes, as in `\"users\"`",
        ),
        ("{\"a\": 1ß}", "1:8: expected `,` or `}`, found `ß`"),
        ("{\"é\": [1 é]}", "1:10: expected `,` or `]`, found `é`"),
    ] {
        assert_eq!(first(text), at, "{text}");
    }
}

#[test]
fn a_missing_comma_is_pointed_at_where_it_belongs() {
    // Line 7 ends without its comma: the reader stops on line 8, and says
    // where the comma goes.
    let text = "{\n  \"users\": [\n    {\n      \"userName\": \"a\",\n      \"displayName\": \"A\",\n      \"emailAddress\": \"a@example.com\",\n      \"passwordBytes\": \"x\"\n      \"saltBytes\": \"y\"\n    }\n  ]\n}";
    let e = err(text.as_bytes());
    assert_eq!(
        e.to_string(),
        "8:7: expected `,` or `}`, found a string; a `,` is probably missing after line 7, at 7:27"
    );
    let Some(Hint::MissingComma { after, .. }) = hint(&e) else {
        panic!("{e}");
    };
    assert!(text[..after.offset].ends_with("\"passwordBytes\": \"x\""));
    // Between items of an array, on one line.
    assert_eq!(
        first("{\"groups\": [\"a\" \"b\"]}"),
        "1:17: expected `,` or `]`, found a string; a `,` is probably missing at 1:16"
    );
    assert_eq!(
        first("{\"users\": [{} {}]}"),
        "1:15: expected `,` or `]`, found an object; a `,` is probably missing at 1:14"
    );
}

#[test]
fn a_trailing_comma_says_which_comma_to_remove() {
    assert_eq!(
        first("{\n  \"users\": [],\n  \"groups\": [\"a\",\n  ]\n}"),
        "4:3: trailing comma; remove the `,` at 3:17"
    );
    // Right before the bracket, the place is enough.
    assert_eq!(
        first("{\n  \"users\": [],\n  \"groups\": [\"a\",]\n}"),
        "3:18: trailing comma"
    );
    assert_eq!(
        first("{\n  \"users\": [],\n}"),
        "3:1: trailing comma; remove the `,` at 2:14"
    );
}

#[test]
fn quotes_comments_and_words_that_are_not_json_are_named() {
    assert_eq!(
        first("{'users': []}"),
        "1:2: expected a key in double quotes, found `'`; JSON strings take double quotes (`\"`), not single quotes"
    );
    assert_eq!(
        first("{\"users\": ['a']}"),
        "1:12: expected a value, found `'`; JSON strings take double quotes (`\"`), not single quotes"
    );
    for comment in ["// exported by ProGet", "/* exported */"] {
        let text = format!("{{\n  {comment}\n  \"users\": []\n}}");
        assert_eq!(
            first(&text),
            "2:3: expected a key in double quotes, found `/`; JSON has no comments (`//`, `/* */`); remove it"
        );
        let text = format!("{{\"users\": [] {comment}\n}}");
        assert!(first(&text).ends_with("JSON has no comments (`//`, `/* */`); remove it"));
        let text = format!("{{\"users\": []}}\n{comment}\n");
        assert_eq!(
            first(&text),
            "2:1: trailing characters: `/` after the end of the JSON; JSON has no comments (`//`, `/* */`); remove it"
        );
    }
    assert_eq!(
        first("{users: []}"),
        "1:2: expected a key in double quotes, found `users`; keys take double quotes, as in `\"users\"`"
    );
    assert_eq!(
        first("{\"users\": [{\"userName\": \"a\", \"displayName\": None}]}"),
        "1:45: expected a value, found `None`; JSON writes it `null`, in lower case"
    );
    assert_eq!(
        first("{\"users\": [], \"x\": True}"),
        "1:20: expected a value, found `True`; JSON writes it `true`, in lower case"
    );
}

#[test]
fn an_unclosed_string_or_bracket_says_where_it_opened() {
    assert_eq!(
        first("{\n  \"users\": [\n    {\"userName\": \"a\"}\n"),
        "4:1: expected `,` or `]`, found the end of the file; the `[` opened at 2:12 is never closed"
    );
    assert_eq!(
        first("{\"users\": ["),
        "1:12: expected a value, found the end of the file; the `[` opened at 1:11 is never closed"
    );
    assert_eq!(
        first("{\"users\": [1, 2}"),
        "1:16: expected `,` or `]`, found `}`; the `[` opened at 1:11 is never closed"
    );
    assert_eq!(
        first("{\"users\": [{\"userName\": \"a}]}"),
        "1:30: the file ends inside a string; the string opened at 1:25 is probably missing its closing `\"`"
    );
    // A string left open on its line runs into the next one.
    assert_eq!(
        first("{\n  \"users\": [{\"userName\": \"a}]\n}"),
        "2:30: a line break inside a string must be written as an escape; the string opened at 2:26 is probably missing its closing `\"`"
    );
    assert_eq!(
        first("{\"users\": [{\"userName\": \"a\tb\"}]}"),
        "1:27: a tab inside a string must be written as an escape; write it as `\\t`"
    );
}

#[test]
fn hints_are_typed_for_the_page() {
    let e = err(b"{\"users\": [");
    let Some(Hint::Unclosed { open, at }) = hint(&e) else {
        panic!("{e}");
    };
    assert_eq!((*open, at.to_string()), ('[', "1:11".to_owned()));
}

/// The hint of the first diagnostic.
fn hint(e: &ParseError) -> Option<&Hint> {
    match &e.first().kind {
        ErrorKind::Syntax { hint, .. } => hint.as_ref(),
        _ => None,
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
        ErrorKind::Syntax { .. }
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

#[test]
fn a_key_twice_in_a_field_we_do_not_know_is_an_error_at_any_depth() {
    let text = "{\n  \"users\": [\n    {\n      \"userName\": \"a\",\n      \"x\": {\"k\": 1, \"k\": 2}\n    }\n  ],\n  \"meta\": [{\"a\": {\"b\": 0, \"b\": 0}}]\n}";
    let lines: Vec<String> = err(text.as_bytes())
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "5:21: $.users[0].x: the key \"k\" appears twice (first at 5:13); JSON readers keep only one of them",
            "8:27: $.meta[0].a: the key \"b\" appears twice (first at 8:19); JSON readers keep only one of them",
        ]
    );
    // Keys are compared as text: an escape spells the same key.
    assert!(matches!(
        err(br#"{"users": [], "x": {"\u006b": 1, "k": 2}}"#)
            .first()
            .kind,
        ErrorKind::DuplicateKey { .. }
    ));
}

#[test]
fn a_key_in_a_message_never_reaches_a_terminal_raw() {
    let text = r#"{"users": [{"userName": "a", "evil\u001b[2J": 1, "evil\u001b[2J": 2}]}"#;
    let message = err(text.as_bytes()).to_string();
    assert!(!message.contains('\u{1b}'), "{message}");
    assert_eq!(
        message,
        r#"1:50: $.users[0]: the key "evil\u001b[2J" appears twice (first at 1:30); JSON readers keep only one of them"#
    );
    let path = err(br#"{"x\u0007": {"k": 1, "k": 2}, "users": []}"#).to_string();
    assert!(!path.contains('\u{7}'), "{path}");
    assert!(path.contains(r#"$["x\u0007"]"#), "{path}");
}

#[test]
fn too_many_users_or_values_is_a_clear_error_not_a_crash() {
    // A file of nothing but `{}` users took gigabytes; now it stops, with a
    // message naming the limit, at the user past it.
    let users = format!("{{\"users\": [{}{{}}]}}", "{},".repeat(MAX_USERS));
    let e = err(users.as_bytes());
    assert_eq!(e.diagnostics.len(), 1);
    assert_eq!(e.first().kind, ErrorKind::TooMany { what: Limit::Users });
    assert_eq!(
        e.to_string(),
        format!(
            "1:{}: the file has more than 1,000,000 users; files with more are not read, to keep memory bounded",
            12 + 3 * MAX_USERS
        )
    );
    let names = format!("{{\"groups\": [{}\"\"]}}", "\"\",".repeat(MAX_VALUES));
    let e = err(names.as_bytes());
    assert_eq!(
        e.first().kind,
        ErrorKind::TooMany {
            what: Limit::Values
        }
    );
    assert!(e
        .to_string()
        .contains("more than 4,000,000 users, fields and group names"));
    // Just under the limit is read.
    let names = format!("{{\"groups\": [{}\"\"]}}", "\"\",".repeat(MAX_VALUES - 1));
    assert_eq!(
        parse(names.as_bytes()).unwrap().file.groups.len(),
        MAX_VALUES
    );
}

/// Sizes that take about a second when reading is linear, and hours if it
/// became quadratic again, as files on one line and with CR-only line ends
/// were (a 20,000-user file written on one line took 223 s to check).
#[test]
fn one_line_and_cr_only_files_are_read_located_and_written_in_linear_time() {
    const USERS: usize = 50_000;
    let indented = sample::directory(USERS);
    for text in [
        sample::one_line(&indented),
        sample::with_line_ends(&indented, "\r"),
    ] {
        let parsed = parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.file.users.len(), USERS);
        // Every user's groups located, as `check` locates its findings.
        for i in 0..USERS {
            let at = parsed
                .source
                .locate(&JsonPath::user_field(i, "groups").index(0))
                .unwrap();
            assert!(text[at.offset..].starts_with("\"Group "), "{at}");
        }
        let last = parsed
            .source
            .locate(&JsonPath::user_field(USERS - 1, "userName"))
            .unwrap();
        let before = &text[..last.offset];
        assert_eq!(last.line, 1 + before.matches('\r').count());
        let line_start = before.rfind('\r').map_or(0, |i| i + 1);
        assert_eq!(last.column, 1 + last.offset - line_start);
        // Written back as it was, and, edited, still in its layout.
        assert_eq!(to_json(&parsed.file), text);
        let mut file = parsed.file;
        for user in file.users.iter_mut().step_by(10) {
            user.set_display_name(Some("Renamed".into()));
        }
        let written = to_json(&file);
        assert_eq!(written.lines().count(), text.lines().count());
        assert_eq!(parse(written.as_bytes()).unwrap().file, file);
    }
}

#[test]
fn errors_all_over_a_one_line_file_are_placed_in_one_walk() {
    let text = sample::one_line(&sample::directory(20_000))
        .replace("\"saltBytes\":\"", "\"saltBytes\":7,\"x\":\"");
    let e = err(text.as_bytes());
    assert_eq!(e.diagnostics.len(), MAX_DIAGNOSTICS + 1);
    for d in &e.diagnostics[..MAX_DIAGNOSTICS] {
        let at = d.at.unwrap();
        assert_eq!((at.line, at.column), (1, at.offset + 1));
        assert!(text[at.offset..].starts_with("7,"));
    }
}
