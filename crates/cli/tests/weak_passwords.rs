//! Weak-password warnings: in `check` at the password's line and column, in
//! `import-csv` at the CSV row, in `edit --password-stdin`; never the
//! password itself, and never for generated passwords.

use crate::util::*;
use proget_users_core::strength::{assess, Owner};
use std::process::Output;

/// Asserts that no output of the run holds any of `passwords`.
#[track_caller]
fn assert_unseen(out: &Output, passwords: &[&str]) {
    for password in passwords {
        let lower = password.to_lowercase();
        for (stream, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
            assert!(
                !text.to_lowercase().contains(&lower),
                "{stream} shows {password:?}: {text}"
            );
        }
    }
}

#[test]
fn check_warns_about_each_weak_password_at_its_place() {
    let dir = dir_with(&[("users.json", WEAK)]);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert_eq!(code(&out), 0, "warnings only");
    // Each user's warnings in file order, the file's own last.
    assert_eq!(
        stdout(&out),
        "\
users.json:15:23: warning: \"not an email\" cannot be an email address
users.json:16:19: warning: the password is the user name with little added
users.json:21:19: warning: the password is easy to guess (strength 0 of 4): This is a top-100 common password.
users.json:34:9: warning: the group \"Readers\" is not in the file's groups
users.json:32:19: warning: the password is the display name
users.json:2:12: warning: 4 users have plaintext passwords
"
    );
    assert_eq!(stderr(&out), "0 errors, 6 warnings\n");
    assert_unseen(&out, &WEAK_PASSWORDS);
    assert_unseen(&out, &["T4n!q8#Lr2@vZp9^Wc6$"]);

    // Hashed, the passwords are not scored (nor can they be).
    let hashed = run(dir.path(), &["hash", "users.json", "-o", "users.json"], b"");
    assert_ok(&hashed);
    let out = run(dir.path(), &["check", "users.json"], b"");
    assert!(!stdout(&out).contains("password"), "{}", stdout(&out));
}

/// A password of 16 characters that only chance could guess, made from `seed`.
fn strong(seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#%+=?";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..16)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(ALPHABET[(x % ALPHABET.len() as u64) as usize])
        })
        .collect()
}

#[test]
fn check_scores_many_passwords_on_every_core_in_file_order() {
    // One user a line: user i is on line i + 3. Every third password is
    // the user name itself.
    let n = 600;
    let mut text = String::from("{\n  \"users\": [\n");
    let mut weak_lines = Vec::new();
    for i in 0..n {
        let name = format!("user{i:04}");
        let password = if i % 3 == 0 {
            weak_lines.push(i + 3);
            name.clone()
        } else {
            strong(i as u64)
        };
        let comma = if i + 1 < n { "," } else { "" };
        text.push_str(&format!(
            "    {{\"userName\": \"{name}\", \"password\": \"{password}\", \"groups\": []}}{comma}\n"
        ));
    }
    text.push_str("  ],\n  \"groups\": []\n}\n");
    let dir = dir_with(&[("many.json", &text)]);
    let out = run(dir.path(), &["check", "many.json"], b"");
    assert_ok(&out);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    let (last, weak) = lines.split_last().unwrap();
    assert_eq!(
        last,
        &format!("many.json:2:12: warning: {n} users have plaintext passwords")
    );
    let expected: Vec<String> = weak_lines
        .iter()
        .map(|line| format!("many.json:{line}:42: warning: the password is the user name"))
        .collect();
    assert_eq!(weak, expected);
    assert_eq!(stderr(&out), format!("0 errors, {} warnings\n", n / 3 + 1));
}

#[test]
fn import_csv_warns_at_each_weak_row_and_imports_it_all_the_same() {
    let csv = "Name,DisplayName,Email,Password\n\
               jdoe,,,JDoe1\n\
               carol,Carol Smith,carol@example.com,qwerty123\n\
               dave,Dave,,\"T4n!q8#Lr2@vZp9^Wc6$\"\n\
               erin,Erin Example,erin.example@example.com,Erin.Example\n";
    let dir = dir_with(&[("users.json", EXAMPLE), ("users.csv", csv)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "users.csv", "-o", "out.json"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "\
users.csv:2: warning: the password is the user name with little added
users.csv:3: warning: the password is easy to guess (strength 0 of 4): This is a very common password.
users.csv:5: warning: the password is the email address
imported CSV: added 3 users, updated 1 user, hashed 4 passwords
"
    );
    assert_eq!(stdout(&out), "");
    let passwords = ["JDoe1", "qwerty123", "T4n!q8#Lr2@vZp9^Wc6$", "Erin.Example"];
    assert_unseen(&out, &passwords);
    // ProGet takes any password, so each is hashed into the file.
    let written = read(dir.path(), "out.json");
    for (user, password) in ["jDoe", "carol", "dave", "erin"].iter().zip(passwords) {
        assert_hash(&written, user, password);
    }

    // The dry run warns the same, and so does a row that updates a user:
    // the file's display name counts when the row leaves it alone.
    let csv = "Name,Password\nJDOE,johndoe\n";
    let dir = dir_with(&[("users.json", EXAMPLE), ("users.csv", csv)]);
    let out = run(
        dir.path(),
        &["import-csv", "users.json", "users.csv", "--dry-run"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "users.csv:2: warning: the password is the display name\n\
         dry run: nothing written\n"
    );
    assert_unseen(&out, &["johndoe"]);
}

#[test]
fn edit_warns_when_the_password_read_is_weak() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = edit_team(
        dir.path(),
        &[
            "add-group",
            "QA",
            ";",
            "set-user",
            "KIM",
            "--password-stdin",
        ],
        b"kim2024\n",
    );
    assert_ok(&out);
    assert_eq!(
        stderr(&out),
        "added group QA\n\
         set a hashed password for kim\n\
         warning: edit 2 of 2 (set-user): the password read from standard input is weak: \
         the password is the user name with little added\n"
    );
    assert_unseen(&out, &["kim2024"]);
    assert_hash(&read(dir.path(), "out.json"), "kim", "kim2024");

    // A new user's details count; a dry run warns too.
    let out = run(
        dir.path(),
        &[
            "edit",
            "team.json",
            "--dry-run",
            "add-user",
            "asmith",
            "--display-name",
            "Ann Smith",
            "--password-stdin",
        ],
        b"password1\r\n",
    );
    assert_ok(&out);
    assert!(
        stderr(&out).ends_with(
            "warning: edit 1 of 1 (add-user): the password read from standard input is weak: \
             the password is easy to guess (strength 0 of 4): This is a very common password.\n\
             dry run: nothing written\n"
        ),
        "{}",
        stderr(&out)
    );

    // A strong password, no warning.
    let out = edit_team(
        dir.path(),
        &["set-user", "kim", "--password-stdin"],
        b"T4n!q8#Lr2@vZp9^Wc6$\n",
    );
    assert_ok(&out);
    assert_eq!(stderr(&out), "set a hashed password for kim\n");
}

#[test]
fn generated_passwords_draw_no_warning() {
    let dir = dir_with(&[("team.json", TEAM)]);
    // reset_checked asserts that the run warns about none.
    let rows = reset_checked(dir.path(), &["--all"]);
    assert_eq!(rows.len(), 4);
    // Nor would they deserve one, with the default policy.
    for [name, display, email, password] in rows {
        let owner = Owner {
            user_name: &name,
            display_name: Some(display.as_str()).filter(|d| !d.is_empty()),
            email_address: Some(email.as_str()).filter(|e| !e.is_empty()),
        };
        assert_eq!(assess(&password, &owner), None, "{name}");
    }
}

#[test]
fn passwords_generated_under_the_poorest_policy_draw_no_warning_when_imported() {
    // 200 users, 12 lower-case letters each (the shortest length, the
    // fewest characters): the sheet imported back is scored row by row,
    // each password against its owner's names, and none is weak.
    let users = proget_users_core::sample::directory(200);
    let dir = dir_with(&[("users.json", &users)]);
    let out = run(
        dir.path(),
        &[
            "reset",
            "users.json",
            "--all",
            "--length",
            "12",
            "--no-uppercase",
            "--no-digits",
            "--no-symbols",
            "--no-ambiguous",
            "-o",
            "out.json",
            "--credentials",
            "sheet.csv",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(sheet_rows(&read(dir.path(), "sheet.csv")).len(), 200);
    let out = run(
        dir.path(),
        &["import-csv", "out.json", "sheet.csv", "--dry-run"],
        b"",
    );
    assert_ok(&out);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(stdout(&out).contains("update-user"), "{}", stdout(&out));
}
