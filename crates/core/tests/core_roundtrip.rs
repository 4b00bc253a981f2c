//! Property tests: reading and writing generated files loses nothing, and
//! no input makes the reader panic.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::model::UsersFile;
use proget_users_core::parse::{parse, parse_str};
use proget_users_core::write::to_json;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Text with unicode and characters that need escapes in JSON.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9._-]{0,12}",
        2 => "[a-zA-Zéßø名前 \"\\\\/\t\n\r\u{1}\u{1f}\u{7f}\u{2028}🔑-]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// A JSON number literal, kept as spelled (`1.50`, `1e3`, `-0`, huge ones).
fn number() -> impl Strategy<Value = Value> {
    "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,3})?"
        .prop_map(|s| Value::Number(Number::from_string_unchecked(s)))
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A string or null, for the optional text fields.
fn optional_text() -> impl Strategy<Value = Value> {
    prop_oneof![3 => text().prop_map(Value::String), 1 => Just(Value::Null)]
}

fn names() -> impl Strategy<Value = Value> {
    prop::collection::vec(text().prop_map(Value::String), 0..4).prop_map(Value::Array)
}

const OURS: [&str; 8] = [
    "users",
    "groups",
    "userName",
    "displayName",
    "emailAddress",
    "passwordBytes",
    "saltBytes",
    "password",
];

/// Keys we do not know; some differ from ours only in letter case.
fn unknown_key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}",
        Just("UserName".to_owned()),
        Just("Groups".to_owned()),
        Just("password_bytes".to_owned()),
        text(),
    ]
    .prop_filter("a key of ours", |k| !OURS.contains(&k.as_str()))
}

/// The value as serde_json reads it back (`1e3` becomes `1e+3`).
fn normalized(value: &Value) -> Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

/// Fields in a random order, with unknown ones mixed in; keys are unique.
fn shuffled(
    known: Vec<(String, Value)>,
    unknown: Vec<(String, Value)>,
    order: Vec<usize>,
) -> Map<String, Value> {
    let mut fields: Vec<(String, Value)> = known;
    for (key, value) in unknown {
        if !fields.iter().any(|(k, _)| *k == key) {
            fields.push((key, value));
        }
    }
    // A permutation from random sort keys.
    let mut keyed: Vec<(usize, (String, Value))> =
        order.into_iter().chain(0..).zip(fields).collect::<Vec<_>>();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, field)| field).collect()
}

fn user() -> impl Strategy<Value = Value> {
    (
        (
            prop::option::weighted(0.95, text()),
            prop::option::of(optional_text()),
            prop::option::of(optional_text()),
            prop::option::of(optional_text()),
            prop::option::of(optional_text()),
            prop::option::of(optional_text()),
            prop::option::weighted(0.9, names()),
        ),
        prop::collection::vec((unknown_key(), json()), 0..3),
        prop::collection::vec(0..20usize, 10),
    )
        .prop_map(|(known, unknown, order)| {
            let (user_name, display, email, bytes, salt, password, groups) = known;
            let known: Vec<(String, Value)> = [
                ("userName", user_name.map(Value::String)),
                ("displayName", display),
                ("emailAddress", email),
                ("passwordBytes", bytes),
                ("saltBytes", salt),
                ("password", password),
                ("groups", groups),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect();
            Value::Object(shuffled(known, unknown, order))
        })
}

/// A whole file as a JSON value: users, groups, and other root keys, in
/// any order.
fn file_value() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(user(), 0..6),
        names(),
        prop::collection::vec((unknown_key(), json()), 0..3),
        prop::collection::vec(0..10usize, 5),
    )
        .prop_map(|(users, groups, unknown, order)| {
            let known = vec![
                ("users".to_owned(), Value::Array(users)),
                ("groups".to_owned(), groups),
            ];
            Value::Object(shuffled(known, unknown, order))
        })
}

/// How the text around the JSON looks.
#[derive(Clone, Copy, Debug)]
struct Layout {
    bom: bool,
    crlf: bool,
    final_newline: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(bom, crlf, final_newline)| Layout {
        bom,
        crlf,
        final_newline,
    })
}

/// `json` laid out as text: compact or pretty, then line ends, mark and end.
fn lay_out(json: &str, layout: Layout) -> String {
    // Line breaks only stand between tokens (strings escape theirs).
    let mut text = if layout.crlf {
        json.replace('\n', "\r\n")
    } else {
        json.to_owned()
    };
    if layout.final_newline {
        text.push_str(if layout.crlf { "\r\n" } else { "\n" });
    }
    if layout.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

/// Reformats compact JSON with random white space between tokens.
fn sprinkle(compact: &str, spaces: &[u8]) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut in_string, mut escaped) = (false, false);
    let mut next = spaces.iter().cycle();
    for c in compact.chars() {
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' | ',' | ':' => {
                let ws = [" ", "\n", "\t", "", "  ", "\r\n"];
                out.push_str(ws[usize::from(*next.next().unwrap()) % ws.len()]);
            }
            _ => {}
        }
    }
    out
}

fn read(text: &str) -> UsersFile {
    match parse(text.as_bytes()) {
        Ok(parsed) => parsed.file,
        Err(e) => panic!("a generated file did not read: {e}\n{text}"),
    }
}

/// 192 cases a property by default (the suite stays fast on 2 cores);
/// `PROPTEST_CASES=5000` searches harder.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(192);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// A file written the way ProGet writes it (two-space indent) comes
    /// back byte for byte, whatever it holds.
    #[test]
    fn proget_style_files_are_written_back_byte_for_byte(value in file_value(), layout in layout()) {
        let text = lay_out(&serde_json::to_string_pretty(&value).unwrap(), layout);
        let file = read(&text);
        prop_assert_eq!(to_json(&file), text);
        prop_assert_eq!(file.style.bom, layout.bom);
    }

    /// Whatever the layout, read → write → read gives the same model, and
    /// writing again gives the same text.
    #[test]
    fn read_write_read_is_the_identity(
        value in file_value(),
        layout in layout(),
        spaces in prop::collection::vec(any::<u8>(), 1..16),
        pretty in any::<bool>(),
    ) {
        let json = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            sprinkle(&serde_json::to_string(&value).unwrap(), &spaces)
        };
        let text = lay_out(&json, layout);
        let first = read(&text);
        let written = to_json(&first);
        let second = read(&written);
        prop_assert_eq!(&second, &first);
        prop_assert_eq!(to_json(&second), written.clone());
        // The model holds the same JSON value as the text.
        let reread: Value = serde_json::from_str(written.trim_start_matches('\u{feff}')).unwrap();
        prop_assert_eq!(reread, normalized(&value));
    }

    /// Any bytes at all give a file or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = parse_str(text);
        }
    }

    /// Damaged files give an error or a file that survives a round trip.
    #[test]
    fn mutated_files_never_panic(
        value in file_value(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..4u8), 1..6),
    ) {
        let mut bytes = serde_json::to_string_pretty(&value).unwrap().into_bytes();
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => { bytes.remove(i); }
                _ => bytes.truncate(i),
            }
        }
        if let Ok(parsed) = parse(&bytes) {
            let written = to_json(&parsed.file);
            let again = parse(written.as_bytes());
            prop_assert!(again.is_ok(), "written text did not read: {:?}", again.err());
            prop_assert_eq!(again.unwrap().file, parsed.file);
        }
    }
}
