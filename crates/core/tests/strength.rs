//! Weak-password warnings: what is weak, what is not, and that no warning
//! ever shows the password.
#![cfg(all(feature = "strength", not(target_arch = "wasm32")))]

use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::parse::parse_str;
use proget_users_core::strength::{
    assess, weak_passwords, Owner, Personal, PersonalMatch, Weakness, MIN_SCORE,
};
use proget_users_core::JsonPath;

const JDOE: Owner<'static> = Owner {
    user_name: "jDoe",
    display_name: Some("John Doe"),
    email_address: Some("john.doe@example.com"),
};

fn personal(password: &str, owner: &Owner<'_>) -> Option<PersonalMatch> {
    assess(password, owner).and_then(|w| w.personal)
}

#[test]
fn common_and_short_passwords_are_weak_with_zxcvbns_reason() {
    for password in [
        "password",
        "123456",
        "qwerty",
        "letmein",
        "Summer2024",
        "aaaaaaaaaaaa",
        "abcdefgh",
    ] {
        let weakness =
            assess(password, &Owner::named("someone")).unwrap_or_else(|| panic!("{password}"));
        assert!(weakness.score < MIN_SCORE, "{password}");
        assert_eq!(weakness.personal, None);
        assert!(
            weakness.warning.is_some() || !weakness.suggestions.is_empty(),
            "{password}: no advice"
        );
    }
    let top = assess("password", &Owner::named("someone")).unwrap();
    assert_eq!(
        top.to_string(),
        "the password is easy to guess (strength 0 of 4): This is a top-10 common password."
    );
}

#[test]
fn strong_passwords_are_not_weak() {
    for password in [
        "correct horse battery staple",
        "T4n!q8#Lr2@vZp9^Wc6$",
        "Xk9#mQ2$jd0e!vL7&pR4z",
        "purple-monkey-dishwasher-7-gravel",
    ] {
        assert_eq!(assess(password, &JDOE), None, "{password}");
    }
}

#[test]
fn the_user_name_ignoring_case_is_weak() {
    for password in ["jDoe", "jdoe", "JDOE"] {
        assert_eq!(
            personal(password, &JDOE),
            Some(PersonalMatch {
                field: Personal::UserName,
                whole: true
            }),
            "{password}"
        );
    }
    let long_name = Owner::named("Kristoffersen.Haraldsdottir");
    let weakness = assess("kristoffersen.haraldsdottir", &long_name).unwrap();
    assert_eq!(weakness.to_string(), "the password is the user name");
    // A name too short to look for is still weak as the whole password.
    assert_eq!(
        personal("AB", &Owner::named("ab")),
        Some(PersonalMatch {
            field: Personal::UserName,
            whole: true
        })
    );
}

#[test]
fn a_name_with_little_added_is_weak_but_a_strong_password_holding_it_is_not() {
    let contains = |field| {
        Some(PersonalMatch {
            field,
            whole: false,
        })
    };
    let owner = Owner::named("Kristoffersen.Haraldsdottir");
    // zxcvbn scores this 4 of 4 when it is not told the name.
    assert_eq!(
        personal("Kristoffersen.Haraldsdottir!2024", &owner),
        contains(Personal::UserName)
    );
    assert_eq!(personal("JDoe2024!", &JDOE), contains(Personal::UserName));
    assert_eq!(
        personal("JohnDoe1234", &JDOE),
        contains(Personal::DisplayName)
    );
    assert_eq!(
        personal(
            "1234john.doe",
            &Owner {
                display_name: None,
                ..JDOE
            }
        ),
        contains(Personal::EmailAddress)
    );
    assert_eq!(
        personal("Haraldsdottir99", &owner),
        contains(Personal::UserName)
    );
    // The rest is strong: a random password that holds the name by chance.
    assert_eq!(assess("Xk9#mQ2$jdoe!vL7&pR4z", &JDOE), None);
    // Names shorter than three characters are not looked for inside.
    let short = assess("ab1", &Owner::named("ab")).unwrap();
    assert_eq!(
        short.personal, None,
        "weak for its length, not for the name"
    );
    assert!(assess("zq8!Rv3#ab$Lw6^Tn2&m", &Owner::named("ab")).is_none());
}

#[test]
fn generated_passwords_are_never_weak() {
    let owners = [
        JDOE,
        Owner::named("Admin"),
        Owner {
            user_name: "a1",
            display_name: Some("Ann O. Nym"),
            email_address: Some("ann@example.com"),
        },
        Owner::named("qwe"),
    ];
    let policy = PasswordPolicy::default();
    for i in 0..2_000 {
        let password = generate::generate(&policy).unwrap();
        let owner = &owners[i % owners.len()];
        assert_eq!(
            assess(&password, owner),
            None,
            "a generated password was called weak"
        );
    }
}

#[test]
fn a_warning_never_shows_the_password() {
    let passwords = [
        "password1",
        "Summer2024!",
        "jdoe",
        "JDoe2024!",
        "JohnDoe1234",
        "qwertyuiop",
        "aaaaaaaa",
        "abc123abc123",
        "Tr0ub4dor&3",
        "19700101",
        "dragon",
        "P@ssw0rd",
        "iloveyou",
        "1q2w3e4r",
    ];
    for password in passwords {
        let Some(weakness) = assess(password, &JDOE) else {
            continue;
        };
        let shown = [
            weakness.to_string(),
            format!("{weakness:?}"),
            weakness.warning.clone().unwrap_or_default(),
            weakness.suggestions.join(" "),
        ];
        for text in shown {
            assert!(
                !text.to_lowercase().contains(&password.to_lowercase()),
                "{password:?} shows in {text:?}"
            );
        }
    }
}

#[test]
fn a_file_lists_its_weak_plaintext_passwords_with_their_place() {
    let text = r#"{"users": [
        {"userName": "Admin", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ=="},
        {"userName": "jDoe", "displayName": "John Doe", "password": "johndoe"},
        {"userName": "kim", "password": "T4n!q8#Lr2@vZp9^Wc6$"},
        {"userName": "lee", "password": "password"},
        {"userName": "nobody"}
    ], "groups": []}"#;
    let file = parse_str(text).unwrap().file;
    let weak = weak_passwords(&file);
    let shown: Vec<String> = weak.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "$.users[1].password: warning: the password is the display name",
            "$.users[3].password: warning: the password is easy to guess (strength 0 of 4): This is a top-10 common password.",
        ]
    );
    assert_eq!(weak[0].user, 1);
    assert_eq!(weak[1].path, JsonPath::user_field(3, "password"));
}

#[test]
fn scoring_a_file_is_one_zxcvbn_run_a_plaintext() {
    // 3,000 plaintext passwords of one pattern: linear, or this times out.
    let users: Vec<String> = (0..3_000)
        .map(|i| format!(r#"{{"userName": "user{i}", "password": "user{i}pass"}}"#))
        .collect();
    let file = parse_str(&format!(r#"{{"users": [{}]}}"#, users.join(",")))
        .unwrap()
        .file;
    let weak = weak_passwords(&file);
    assert_eq!(weak.len(), 3_000);
    assert!(weak.iter().all(|w| w.weakness.personal.is_some()));
}

#[test]
fn very_long_passwords_take_bounded_time_and_are_judged_sensibly() {
    let long: String = "Xk9#mQ2$vL7&pR4z".repeat(10_000);
    assert_eq!(assess(&long, &JDOE), None);
    let repeated = "a".repeat(100_000);
    let weakness: Weakness = assess(&repeated, &JDOE).unwrap();
    assert!(weakness.score < MIN_SCORE);
}
