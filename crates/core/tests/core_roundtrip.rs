//! Property tests: reading and writing generated files loses nothing in any
//! layout, edits are written in the file's layout, no input makes the reader
//! panic, and the reader accepts exactly what serde_json accepts, with the
//! same values.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::model::{Indent, User, UsersFile};
use proget_users_core::parse::{parse, parse_str, ErrorKind};
use proget_users_core::write::to_json;
use proptest::prelude::*;
use serde_json::Value;

/// A JSON value as text is made of: numbers keep their spelling, and each
/// string says how to spell its escapes.
#[derive(Clone, Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    Str(String, Spelling),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How a string's characters are spelled: as serde_json writes them, or
/// with every character outside ASCII (and some inside) as `\u` escapes.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    Plain,
    Escaped,
}

fn literal(s: &str, spelling: Spelling) -> String {
    match spelling {
        Spelling::Plain => serde_json::to_string(s).unwrap(),
        Spelling::Escaped => {
            let mut out = String::from('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '/' => out.push_str("\\/"),
                    c if c.is_ascii_graphic() && c != 'e' => out.push(c),
                    c => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{u:04X}"));
                        }
                    }
                }
            }
            out.push('"');
            out
        }
    }
}

impl Json {
    /// Compact text, as `jq -c` writes it.
    fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Indented by two spaces, as ProGet (and serde_json's pretty printer)
    /// writes it.
    fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some("  "), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<&str>, depth: usize) {
        let line = |out: &mut String, depth: usize| {
            if let Some(unit) = indent {
                out.push('\n');
                out.push_str(&unit.repeat(depth));
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Str(s, spelling) => out.push_str(&literal(s, *spelling)),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    line(out, depth + 1);
                    item.write(out, indent, depth + 1);
                }
                line(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    line(out, depth + 1);
                    out.push_str(&literal(key, Spelling::Plain));
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent, depth + 1);
                }
                line(out, depth);
                out.push('}');
            }
        }
    }
}

/// Text with unicode and characters that need escapes in JSON.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9._-]{0,12}",
        2 => "[a-zA-Zéßø名前 \"\\\\/\t\n\r\u{1}\u{1f}\u{7f}\u{2028}🔑-]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn string() -> impl Strategy<Value = Json> {
    (
        text(),
        prop_oneof![3 => Just(Spelling::Plain), 1 => Just(Spelling::Escaped)],
    )
        .prop_map(|(s, spelling)| Json::Str(s, spelling))
}

/// A JSON number literal, kept as spelled (`1.50`, `1E3`, `-0`, more digits
/// than a float holds).
fn number() -> impl Strategy<Value = Json> {
    "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?".prop_map(Json::Number)
}

/// Keys of one object, each once.
fn unique<T>(pairs: Vec<(String, T)>) -> Vec<(String, T)> {
    let mut seen = std::collections::HashSet::new();
    pairs
        .into_iter()
        .filter(|(k, _)| seen.insert(k.clone()))
        .collect()
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number(),
        string(),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
            prop::collection::vec((text(), inner), 0..5)
                .prop_map(|pairs| Json::Object(unique(pairs))),
        ]
    })
}

/// A string or null, for the optional text fields.
fn optional_text() -> impl Strategy<Value = Json> {
    prop_oneof![3 => string(), 1 => Just(Json::Null)]
}

fn names() -> impl Strategy<Value = Json> {
    prop::collection::vec(string(), 0..4).prop_map(Json::Array)
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

/// Fields in a random order, with unknown ones mixed in; keys are unique.
fn shuffled(
    known: Vec<(String, Json)>,
    unknown: Vec<(String, Json)>,
    order: Vec<usize>,
) -> Vec<(String, Json)> {
    let fields = unique(known.into_iter().chain(unknown).collect());
    // A permutation from random sort keys.
    let mut keyed: Vec<(usize, (String, Json))> =
        order.into_iter().chain(0..).zip(fields).collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, field)| field).collect()
}

fn user() -> impl Strategy<Value = Json> {
    (
        (
            prop::option::weighted(0.95, string()),
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
            let known: Vec<(String, Json)> = [
                ("userName", user_name),
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
            Json::Object(shuffled(known, unknown, order))
        })
}

/// A whole file: users, groups, and other root keys, in any order.
fn file_json() -> impl Strategy<Value = Json> {
    (
        prop::collection::vec(user(), 0..6),
        names(),
        prop::collection::vec((unknown_key(), json()), 0..3),
        prop::collection::vec(0..10usize, 5),
    )
        .prop_map(|(users, groups, unknown, order)| {
            let known = vec![
                ("users".to_owned(), Json::Array(users)),
                ("groups".to_owned(), groups),
            ];
            Json::Object(shuffled(known, unknown, order))
        })
}

/// How the text around and between the tokens looks.
#[derive(Clone, Debug)]
struct Layout {
    bom: bool,
    line_end: &'static str,
    final_newline: bool,
    /// Indented by this unit, or compact with this after each `,`.
    indent: Option<&'static str>,
    comma: &'static str,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
        prop::sample::select(vec![None, Some("  "), Some("    "), Some("\t")]),
        prop::sample::select(vec!["", " "]),
    )
        .prop_map(|(bom, line_end, final_newline, indent, comma)| Layout {
            bom,
            line_end,
            final_newline,
            indent,
            comma,
        })
}

/// `json` in `layout`.
fn lay_out(json: &Json, layout: &Layout) -> String {
    let mut text = match layout.indent {
        Some(unit) => {
            let mut out = String::new();
            json.write(&mut out, Some(unit), 0);
            out.replace('\n', layout.line_end)
        }
        None => space_commas(&json.compact(), layout.comma),
    };
    if layout.final_newline {
        text.push_str(layout.line_end);
    }
    if layout.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

/// Compact JSON with `after` following each `,` and `:` between tokens.
fn space_commas(compact: &str, after: &str) -> String {
    sprinkle_with(compact, |_| after)
}

/// Reformats compact JSON with random white space between tokens.
fn sprinkle(compact: &str, spaces: &[u8]) -> String {
    let ws = [" ", "\n", "\t", "", "  ", "\r\n", "\r"];
    let mut next = spaces.iter().cycle();
    sprinkle_with(compact, |_| {
        ws[usize::from(*next.next().unwrap()) % ws.len()]
    })
}

fn sprinkle_with<'a>(compact: &str, mut gap: impl FnMut(char) -> &'a str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut in_string, mut escaped) = (false, false);
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
            '{' | '[' | ',' | ':' => out.push_str(gap(c)),
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

/// serde_json's reading of `text` (without a byte order mark).
fn oracle(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
}

/// serde_json reads numbers as floats (we keep their text): beyond a
/// float's range, it refuses what JSON allows.
fn out_of_range(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("number out of range")
}

/// A file's content as a serde_json value, from its written text.
fn value_of(file: &UsersFile) -> Value {
    oracle(&to_json(file)).expect("written text is JSON")
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

/// Checks what must hold for any input: no panic; and if it reads, the
/// untouched file writes back byte for byte, the text reads back as the
/// same model, and serde_json reads the same values from it.
fn check_any(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(parsed) = parse(bytes) else {
        return Ok(());
    };
    let written = to_json(&parsed.file);
    prop_assert_eq!(written.as_bytes(), bytes, "an untouched file changed");
    let again = parse(written.as_bytes());
    prop_assert!(
        again.is_ok(),
        "written text did not read: {:?}",
        again.err()
    );
    prop_assert_eq!(again.unwrap().file, parsed.file.clone());
    let text = std::str::from_utf8(bytes).unwrap();
    match oracle(text) {
        Ok(value) => check_values(&parsed.file, &value),
        Err(e) if out_of_range(&e) => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!(
            "we read what serde_json refuses: {e}"
        ))),
    }
}

/// The model holds the values serde_json reads from the same text.
fn check_values(file: &UsersFile, value: &Value) -> Result<(), TestCaseError> {
    let empty = Vec::new();
    let users = value["users"].as_array().unwrap_or(&empty);
    prop_assert_eq!(users.len(), file.users.len());
    for (user, value) in file.users.iter().zip(users) {
        let text = |v: &Value| v.as_str().map(str::to_owned);
        prop_assert_eq!(
            &user.user_name,
            &text(&value["userName"]).unwrap_or_default()
        );
        prop_assert_eq!(&user.display_name, &text(&value["displayName"]));
        prop_assert_eq!(&user.email_address, &text(&value["emailAddress"]));
        prop_assert_eq!(&user.password, &text(&value["password"]));
        prop_assert_eq!(&user.password_bytes, &text(&value["passwordBytes"]));
        prop_assert_eq!(&user.salt_bytes, &text(&value["saltBytes"]));
        let groups: Vec<String> = value["groups"]
            .as_array()
            .map(|g| g.iter().filter_map(text).collect())
            .unwrap_or_default();
        prop_assert_eq!(&user.groups, &groups);
        for (key, raw) in user.extra_fields() {
            prop_assert_eq!(&oracle(raw.as_str()).unwrap(), &value[key]);
        }
    }
    for (key, raw) in file.extra_fields() {
        prop_assert_eq!(&oracle(raw.as_str()).unwrap(), &value[key]);
    }
    Ok(())
}

/// Changes a file through the model's public face, as the editor does.
#[derive(Clone, Debug)]
enum Edit {
    DisplayName(prop::sample::Index, Option<String>),
    Email(prop::sample::Index, Option<String>),
    JoinGroup(prop::sample::Index, String),
    LeaveGroups(prop::sample::Index),
    Hash(prop::sample::Index),
    Plaintext(prop::sample::Index, String),
    Remove(prop::sample::Index),
    Add(String),
    Move(prop::sample::Index),
    DeclareGroup(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        (index(), prop::option::of(text())).prop_map(|(i, s)| Edit::DisplayName(i, s)),
        (index(), prop::option::of(text())).prop_map(|(i, s)| Edit::Email(i, s)),
        (index(), text()).prop_map(|(i, s)| Edit::JoinGroup(i, s)),
        index().prop_map(Edit::LeaveGroups),
        index().prop_map(Edit::Hash),
        (index(), text()).prop_map(|(i, s)| Edit::Plaintext(i, s)),
        index().prop_map(Edit::Remove),
        text().prop_map(Edit::Add),
        index().prop_map(Edit::Move),
        text().prop_map(Edit::DeclareGroup),
    ]
}

fn apply(file: &mut UsersFile, edit: &Edit) {
    let users = file.users.len();
    let user = |i: &prop::sample::Index| i.index(users.max(1));
    if users == 0 && !matches!(edit, Edit::Add(_) | Edit::DeclareGroup(_)) {
        return;
    }
    match edit {
        Edit::DisplayName(i, s) => file.users[user(i)].set_display_name(s.clone()),
        Edit::Email(i, s) => file.users[user(i)].email_address = s.clone(),
        Edit::JoinGroup(i, g) => file.users[user(i)].groups.push(g.clone()),
        Edit::LeaveGroups(i) => file.users[user(i)].groups.retain(|g| g.len() % 2 == 0),
        Edit::Hash(i) => {
            file.users[user(i)].set_password_hash("aGFzaA==".into(), "c2FsdA==".into())
        }
        Edit::Plaintext(i, p) => file.users[user(i)].set_plaintext_password(p.clone()),
        Edit::Remove(i) => {
            file.users.remove(user(i));
        }
        Edit::Add(name) => file.users.push(User::new(name.clone())),
        Edit::Move(i) => {
            let moved = file.users.remove(user(i));
            file.users.insert(0, moved);
        }
        Edit::DeclareGroup(g) => file.groups.push(g.clone()),
    }
}

proptest! {
    #![proptest_config(config())]

    /// A file written the way ProGet writes it (two-space indent) comes
    /// back byte for byte, whatever it holds.
    #[test]
    fn proget_style_files_are_written_back_byte_for_byte(json in file_json(), layout in layout()) {
        let layout = Layout { indent: Some("  "), ..layout };
        let text = lay_out(&json, &layout);
        let file = read(&text);
        prop_assert_eq!(to_json(&file), text);
        prop_assert_eq!(file.style.bom, layout.bom);
    }

    /// Whatever the layout, an untouched file comes back byte for byte, and
    /// the model holds what serde_json reads from the text.
    #[test]
    fn every_layout_is_written_back_byte_for_byte(
        json in file_json(),
        layout in layout(),
        spaces in prop::collection::vec(any::<u8>(), 1..16),
        sprinkled in any::<bool>(),
    ) {
        let text = if sprinkled {
            sprinkle(&json.compact(), &spaces)
        } else {
            lay_out(&json, &layout)
        };
        read(&text);
        check_any(text.as_bytes())?;
    }

    /// Edits come out in the file's layout, and what did not change is
    /// copied as it was: written → read gives the edited model.
    #[test]
    fn edits_are_written_in_the_files_layout(
        json in file_json(),
        layout in layout(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let text = lay_out(&json, &layout);
        let mut file = read(&text);
        for edit in &edits {
            apply(&mut file, edit);
        }
        let written = to_json(&file);
        let again = read(&written);
        // Fields set without a setter get their place when written.
        prop_assert_eq!(again.users.len(), file.users.len());
        for (a, b) in again.users.iter().zip(&file.users) {
            prop_assert_eq!(
                (&a.user_name, &a.display_name, &a.email_address, &a.password, &a.groups),
                (&b.user_name, &b.display_name, &b.email_address, &b.password, &b.groups)
            );
            prop_assert_eq!((&a.password_bytes, &a.salt_bytes), (&b.password_bytes, &b.salt_bytes));
            prop_assert!(a.extra_fields().eq(b.extra_fields()));
        }
        prop_assert_eq!(&again.groups, &file.groups);
        prop_assert_eq!(value_of(&again), value_of(&file));
        let body = written.trim_start_matches('\u{feff}');
        let body = body.strip_suffix(layout.line_end).filter(|_| layout.final_newline).unwrap_or(body);
        match layout.indent {
            None => prop_assert!(!body.contains(['\n', '\r']), "not on one line:\n{}", written),
            Some(unit) => {
                prop_assert_eq!(again.style.indent, file.style.indent);
                for line in body.split(layout.line_end) {
                    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                    prop_assert!(
                        indent % unit.len() == 0 && line[..indent].chars().all(|c| unit.contains(c)),
                        "{:?} is not indented by {:?}:\n{}", line, unit, written
                    );
                }
                for other in ["\r\n", "\n", "\r"] {
                    if !layout.line_end.contains(other) {
                        prop_assert!(!body.contains(other), "line ends changed:\n{:?}", written);
                    }
                }
            }
        }
    }

    /// Any bytes at all give a file or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_any(&bytes)?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = parse_str(text);
        }
    }

    /// Damaged files give an error, or a file that survives a round trip;
    /// and they read exactly when serde_json reads them (less those with a
    /// key twice, or not shaped like an export).
    #[test]
    fn mutated_files_read_exactly_when_serde_json_does(
        json in file_json(),
        layout in layout(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..5u8), 1..6),
    ) {
        let mut bytes = lay_out(&json, &layout).into_bytes();
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            let punctuation = b"{}[],:\"' /\\\n";
            match kind {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => { bytes.remove(i); }
                3 => bytes.insert(i, punctuation[usize::from(byte) % punctuation.len()]),
                _ => bytes.truncate(i),
            }
        }
        check_any(&bytes)?;
        agrees_with_serde_json(&bytes)?;
    }

    /// Any JSON fragment, as the value of a field we do not know, reads
    /// exactly when serde_json reads it, and keeps the value serde_json
    /// reads.
    #[test]
    fn unknown_values_read_exactly_when_serde_json_does(
        value in json(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
    ) {
        let mut bytes = value.pretty().into_bytes();
        for (at, byte) in edits {
            let punctuation = b"{}[],:\"'/\\\nu0123456789eE.+-tfn";
            let i = at.index(bytes.len() + 1);
            bytes.insert(i, punctuation[usize::from(byte) % punctuation.len()]);
        }
        let mut text = b"{\"users\": [{\"userName\": \"a\", \"x\": ".to_vec();
        text.extend_from_slice(&bytes);
        text.extend_from_slice(b"}], \"y\": ");
        text.extend_from_slice(&bytes);
        text.push(b'}');
        check_any(&text)?;
        agrees_with_serde_json(&text)?;
    }
}

/// We read `bytes` exactly when serde_json does, unless the only problems
/// are ones serde_json does not look for (a key twice, a wrong shape).
fn agrees_with_serde_json(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let ours = parse(bytes);
    let theirs = oracle(text);
    match (&ours, &theirs) {
        (Ok(_), Err(e)) if out_of_range(e) => {}
        (Ok(_), Err(e)) => prop_assert!(false, "serde_json refuses what we read: {}", e),
        (Err(e), Ok(_)) => {
            for d in &e.diagnostics {
                prop_assert!(
                    matches!(
                        d.kind,
                        ErrorKind::DuplicateKey { .. }
                            | ErrorKind::WrongType { .. }
                            | ErrorKind::TooManyProblems
                            | ErrorKind::Empty
                    ),
                    "we refuse what serde_json reads: {}",
                    e
                );
            }
        }
        (Err(e), Err(_)) => {
            // A syntax error is reported alone, with a place.
            if matches!(
                e.first().kind,
                ErrorKind::Syntax { .. } | ErrorKind::TooDeep
            ) {
                prop_assert_eq!(e.diagnostics.len(), 1);
                prop_assert!(e.first().at.is_some());
            }
        }
        (Ok(_), Ok(_)) => {}
    }
    Ok(())
}

#[test]
fn escapes_and_number_spellings_are_kept_in_every_layout() {
    let text = "{\"users\":[{\"userName\":\"Jos\\u00e9\",\"x\":[1.0e3,-0,\"\\/\"]}],\"n\":1E+2}";
    for layout in [text.to_owned(), sprinkle(text, b"\x01\x05\x00")] {
        let file = read(&layout);
        assert_eq!(file.users[0].user_name, "Jos\u{e9}");
        assert_eq!(to_json(&file), layout);
    }
}

#[test]
fn a_one_line_file_stays_on_one_line_when_edited() {
    let text = "{\"users\":[{\"userName\":\"a\",\"groups\":[\"x\"]}],\"groups\":[\"x\"]}";
    let mut file = read(text);
    file.users[0].groups.push("y".into());
    file.users.push(User::new("b"));
    file.groups.push("y".into());
    assert_eq!(
        to_json(&file),
        "{\"users\":[{\"userName\":\"a\",\"groups\":[\"x\",\"y\"]},{\"userName\":\"b\",\"displayName\":\"b\",\"groups\":[]}],\"groups\":[\"x\",\"y\"]}"
    );
}

#[test]
fn four_spaces_tabs_and_crlf_are_kept_for_new_users() {
    let four = "{\r\n    \"users\": [\r\n        {\r\n            \"userName\": \"a\"\r\n        }\r\n    ]\r\n}\r\n";
    let mut file = read(four);
    assert_eq!(file.style.indent, Indent::Spaces(4));
    file.users.push(User::new("b"));
    assert_eq!(
        to_json(&file),
        "{\r\n    \"users\": [\r\n        {\r\n            \"userName\": \"a\"\r\n        },\r\n        {\r\n            \"userName\": \"b\",\r\n            \"displayName\": \"b\",\r\n            \"groups\": []\r\n        }\r\n    ]\r\n}\r\n"
    );
    let tabs = four
        .replace("    ", "\t")
        .replace("\r\n", "\n")
        .replace("\": ", "\":");
    let mut file = read(&tabs);
    assert_eq!(file.style.indent, Indent::Tabs(1));
    file.users[0].set_display_name(Some("A".into()));
    assert_eq!(
        to_json(&file),
        "{\n\t\"users\":[\n\t\t{\n\t\t\t\"userName\":\"a\",\n\t\t\t\"displayName\":\"A\"\n\t\t}\n\t]\n}\n"
    );
}

#[test]
fn an_edit_changes_only_the_lines_it_must() {
    let text = include_str!("fixtures/example-export.json");
    let mut file = read(text);
    file.users[1].set_display_name(Some("Jane Doe".into()));
    let written = to_json(&file);
    let changed: Vec<(&str, &str)> = text
        .lines()
        .zip(written.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "      \"displayName\": \"John Doe\",",
            "      \"displayName\": \"Jane Doe\","
        )]
    );
    assert_eq!(text.lines().count(), written.lines().count());
}

#[test]
fn a_user_taken_from_another_file_is_written_in_this_files_layout() {
    let theirs = read(
        "{\n    \"users\": [\n        {\n            \"userName\": \"b\",\n            \"x\": {\n                \"n\": 1.50\n            }\n        }\n    ]\n}\n",
    );
    let mut ours = read("{\"users\":[{\"userName\":\"a\"}]}");
    ours.users.push(theirs.users[0].clone());
    assert_eq!(
        to_json(&ours),
        "{\"users\":[{\"userName\":\"a\"},{\"userName\":\"b\",\"x\":{\"n\":1.50}}]}"
    );
    let mut ours = read(include_str!("fixtures/example-export.json"));
    ours.users.truncate(1);
    ours.users.push(theirs.users[0].clone());
    let written = to_json(&ours);
    assert!(
        written.contains("    {\n      \"userName\": \"b\",\n      \"x\": {\n        \"n\": 1.50\n      }\n    }\n  ],"),
        "{written}"
    );
}

#[test]
fn a_changed_style_rewrites_the_whole_file_in_it() {
    let mut file =
        read("{\"users\":[{\"userName\":\"a\",\"x\":[1,{\"k\":\"\\u00e9\"}]}],\"groups\":[]}\n");
    file.style.indent = Indent::Tabs(1);
    file.style.space_after_colon = true;
    assert_eq!(
        to_json(&file),
        "{\n\t\"users\": [\n\t\t{\n\t\t\t\"userName\": \"a\",\n\t\t\t\"x\": [\n\t\t\t\t1,\n\t\t\t\t{\n\t\t\t\t\t\"k\": \"\\u00e9\"\n\t\t\t\t}\n\t\t\t]\n\t\t}\n\t],\n\t\"groups\": []\n}\n"
    );
}

#[test]
fn removing_and_reordering_users_keeps_the_separators_of_the_file() {
    let text = "{\"users\": [{\"userName\": \"a\"}, {\"userName\": \"b\"}, {\"userName\": \"c\"}]}";
    let mut file = read(text);
    file.users.remove(0);
    assert_eq!(
        to_json(&file),
        "{\"users\": [{\"userName\": \"b\"}, {\"userName\": \"c\"}]}"
    );
    file.users.swap(0, 1);
    assert_eq!(
        to_json(&file),
        "{\"users\": [{\"userName\": \"c\"}, {\"userName\": \"b\"}]}"
    );
    file.users.truncate(1);
    file.users.push(User::new("e"));
    assert_eq!(
        to_json(&file),
        "{\"users\": [{\"userName\": \"c\"}, {\"userName\": \"e\", \"displayName\": \"e\", \"groups\": []}]}"
    );
    file.users.clear();
    assert_eq!(to_json(&file), "{\"users\": []}");
    file.users.push(User::new("d"));
    assert_eq!(
        to_json(&file),
        "{\"users\": [{\"userName\": \"d\", \"displayName\": \"d\", \"groups\": []}]}"
    );
    // A second root member after the only one, on one line, as the style says.
    let mut file =
        read("{\"groups\": [\"x\"], \"users\": [{\"userName\": \"a\", \"groups\": [\"x\"]}]}");
    file.users[0].groups.push("y".into());
    file.groups.push("y".into());
    assert_eq!(
        to_json(&file),
        "{\"groups\": [\"x\", \"y\"], \"users\": [{\"userName\": \"a\", \"groups\": [\"x\", \"y\"]}]}"
    );
}
