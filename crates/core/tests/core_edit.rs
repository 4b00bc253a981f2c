//! Edits: what each one changes, what it refuses, and what it reports.

use proget_users_core::edit::{self, Change, EditError, PasswordStorage};
use proget_users_core::model::{PasswordState, User, UsersFile};
use proget_users_core::password;
use proget_users_core::write::to_json;

mod support;
use support::{example, file};

/// The keys of a user with a name, an email and a hash, in the order ProGet
/// writes them.
const HASHED_KEYS: [&str; 6] = [
    "userName",
    "displayName",
    "emailAddress",
    "passwordBytes",
    "saltBytes",
    "groups",
];

/// The keys of user `i` in the order they are written.
fn written_keys(file: &UsersFile, i: usize) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&to_json(file)).unwrap();
    value["users"][i]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn names(file: &UsersFile) -> Vec<&str> {
    file.users.iter().map(|u| u.user_name.as_str()).collect()
}

/// Runs an edit that must be refused and checks the file did not change.
fn refused(
    file: &mut UsersFile,
    edit: impl FnOnce(&mut UsersFile) -> Result<Change, EditError>,
) -> EditError {
    let before = file.clone();
    let e = edit(file).expect_err("the edit should be refused");
    assert_eq!(*file, before, "a refused edit changed the file");
    e
}

#[test]
fn add_user_appends_and_reports() {
    let mut f = example();
    let change = edit::add_user(&mut f, User::new("new")).unwrap();
    assert_eq!(change, Change::UserAdded { name: "new".into() });
    assert_eq!(change.to_string(), "added user new");
    assert_eq!(names(&f), ["Admin", "jDoe", "new"]);
    assert_eq!(written_keys(&f, 2), ["userName", "displayName", "groups"]);
    assert!(to_json(&f).contains(
        "\"userName\": \"new\",\n      \"displayName\": \"new\",\n      \"groups\": []\n"
    ));
}

#[test]
fn add_user_refuses_a_name_taken_in_any_letter_case_or_empty() {
    let mut f = example();
    assert_eq!(
        refused(&mut f, |f| edit::add_user(f, User::new("JDOE"))),
        EditError::UserExists("JDOE".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::add_user(f, User::new("jDoe"))),
        EditError::UserExists("jDoe".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::add_user(f, User::new(" "))),
        EditError::EmptyName
    );
    assert_eq!(
        EditError::UserExists("JDOE".into()).to_string(),
        "a user \"JDOE\" already exists"
    );
}

#[test]
fn remove_user_removes_exactly_that_user() {
    let mut f = example();
    let change = edit::remove_user(&mut f, "Admin").unwrap();
    assert_eq!(
        change,
        Change::UsersRemoved {
            names: vec!["Admin".into()]
        }
    );
    assert_eq!(change.to_string(), "removed user Admin");
    assert_eq!(names(&f), ["jDoe"]);
    // Groups stay declared.
    assert_eq!(f.groups, ["Administrators", "Developers"]);
}

#[test]
fn remove_users_is_all_or_nothing() {
    let mut f = example();
    edit::add_user(&mut f, User::new("c")).unwrap();
    let e = refused(&mut f, |f| edit::remove_users(f, &["Admin", "nobody"]));
    assert_eq!(e, EditError::UnknownUser("nobody".into()));
    assert_eq!(e.to_string(), "there is no user \"nobody\"");
    // Names are exact: another letter case is another user.
    assert_eq!(
        refused(&mut f, |f| edit::remove_user(f, "admin")),
        EditError::UnknownUser("admin".into())
    );
    let change = edit::remove_users(&mut f, &["Admin", "c"]).unwrap();
    assert_eq!(change.to_string(), "removed 2 users");
    assert_eq!(names(&f), ["jDoe"]);
}

#[test]
fn rename_user_keeps_the_place_of_the_name() {
    let mut f = example();
    let change = edit::rename_user(&mut f, "jDoe", "john").unwrap();
    assert_eq!(
        change,
        Change::UserRenamed {
            from: "jDoe".into(),
            to: "john".into()
        }
    );
    assert_eq!(change.to_string(), "renamed user jDoe to john");
    assert_eq!(names(&f), ["Admin", "john"]);
    assert_eq!(written_keys(&f, 1)[0], "userName");
    // Only the letter case may change for the same user.
    edit::rename_user(&mut f, "john", "John").unwrap();
    assert_eq!(names(&f), ["Admin", "John"]);
}

#[test]
fn rename_user_refuses_unknown_clashing_and_empty_names() {
    let mut f = example();
    assert_eq!(
        refused(&mut f, |f| edit::rename_user(f, "ghost", "x")),
        EditError::UnknownUser("ghost".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::rename_user(f, "jDoe", "ADMIN")),
        EditError::UserExists("ADMIN".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::rename_user(f, "jDoe", "")),
        EditError::EmptyName
    );
    assert_eq!(EditError::EmptyName.to_string(), "a name cannot be empty");
}

#[test]
fn set_display_name_sets_or_removes_it() {
    let mut f = example();
    let change = edit::set_display_name(&mut f, "jDoe", Some("Johnny")).unwrap();
    assert_eq!(change.to_string(), "set the display name of jDoe to Johnny");
    assert_eq!(f.users[1].display_name.as_deref(), Some("Johnny"));
    let change = edit::set_display_name(&mut f, "jDoe", None).unwrap();
    assert_eq!(
        change,
        Change::DisplayNameSet {
            user: "jDoe".into(),
            to: None
        }
    );
    assert_eq!(change.to_string(), "removed the display name of jDoe");
    assert!(!written_keys(&f, 1).contains(&"displayName".to_owned()));
    // Set again, it goes back after userName.
    edit::set_display_name(&mut f, "jDoe", Some("J")).unwrap();
    assert_eq!(written_keys(&f, 1)[..2], ["userName", "displayName"]);
    assert_eq!(
        refused(&mut f, |f| edit::set_display_name(f, "jdoe", Some("x"))),
        EditError::UnknownUser("jdoe".into())
    );
}

#[test]
fn set_email_puts_a_new_email_where_proget_writes_it() {
    let mut f = example();
    let change = edit::set_email(&mut f, "Admin", Some(" admin@example.com ")).unwrap();
    assert_eq!(
        change,
        Change::EmailSet {
            user: "Admin".into(),
            to: Some("admin@example.com".into())
        }
    );
    assert_eq!(
        change.to_string(),
        "set the email of Admin to admin@example.com"
    );
    assert_eq!(written_keys(&f, 0), HASHED_KEYS);
    let change = edit::set_email(&mut f, "Admin", Some("")).unwrap();
    assert_eq!(change.to_string(), "removed the email of Admin");
    assert_eq!(f.users[0].email_address, None);
    assert_eq!(
        to_json(&f),
        proget_users_core::sample::EXAMPLE_EXPORT,
        "setting and removing an email leaves the file as it was"
    );
    assert_eq!(
        refused(&mut f, |f| edit::set_email(f, "x", None)),
        EditError::UnknownUser("x".into())
    );
}

#[test]
fn set_groups_replaces_groups_and_reports_joined_and_left() {
    let mut f = example();
    let change = edit::set_groups(&mut f, "jDoe", &["QA", "Developers", "QA", "Ops"]).unwrap();
    assert_eq!(
        change,
        Change::GroupsSet {
            user: "jDoe".into(),
            joined: vec!["QA".into(), "Ops".into()],
            left: vec![]
        }
    );
    assert_eq!(change.to_string(), "jDoe joined 2 groups and left 0 groups");
    assert_eq!(f.users[1].groups, ["QA", "Developers", "Ops"]);
    let change = edit::set_groups(&mut f, "jDoe", &["Ops"]).unwrap();
    assert_eq!(change.to_string(), "jDoe joined 0 groups and left 2 groups");
    // A user without groups gets the key where ProGet writes it.
    let mut f = file(r#"{"users": [{"userName": "a", "x": 1}]}"#);
    edit::set_groups(&mut f, "a", &["g"]).unwrap();
    assert_eq!(written_keys(&f, 0), ["userName", "groups", "x"]);
    assert_eq!(
        refused(&mut f, |f| edit::set_groups(f, "b", &[])),
        EditError::UnknownUser("b".into())
    );
}

#[test]
fn join_group_declares_a_new_group_and_skips_members() {
    let mut f = example();
    let change = edit::join_group(&mut f, &["Admin", "jDoe"], "Developers").unwrap();
    assert_eq!(
        change,
        Change::MembershipsChanged {
            group: "Developers".into(),
            joined: vec!["Admin".into()],
            left: vec![]
        }
    );
    assert_eq!(change.to_string(), "added 1 user to Developers");
    assert_eq!(f.users[0].groups, ["Administrators", "Developers"]);
    assert_eq!(f.groups, ["Administrators", "Developers"]);
    let change = edit::join_group(&mut f, &["jDoe"], "QA").unwrap();
    assert_eq!(change.to_string(), "added 1 user to QA");
    assert_eq!(f.groups, ["Administrators", "Developers", "QA"]);
    assert_eq!(
        refused(&mut f, |f| edit::join_group(f, &["jDoe", "nobody"], "Z")),
        EditError::UnknownUser("nobody".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::join_group(f, &["jDoe"], " ")),
        EditError::EmptyName
    );
}

#[test]
fn leave_group_takes_members_out() {
    let mut f = example();
    edit::join_group(&mut f, &["Admin"], "Developers").unwrap();
    let change = edit::leave_group(&mut f, &["Admin", "jDoe"], "Developers").unwrap();
    assert_eq!(
        change,
        Change::MembershipsChanged {
            group: "Developers".into(),
            joined: vec![],
            left: vec!["Admin".into(), "jDoe".into()]
        }
    );
    assert_eq!(change.to_string(), "removed 2 users from Developers");
    assert_eq!(f.users[0].groups, ["Administrators"]);
    assert!(f.users[1].groups.is_empty());
    // The group stays declared.
    assert_eq!(f.groups, ["Administrators", "Developers"]);
    assert_eq!(
        refused(&mut f, |f| edit::leave_group(f, &["nobody"], "Developers")),
        EditError::UnknownUser("nobody".into())
    );
    let both = Change::MembershipsChanged {
        group: "G".into(),
        joined: vec!["a".into()],
        left: vec!["b".into(), "c".into()],
    };
    assert_eq!(both.to_string(), "added 1 user to G and removed 2 users");
}

#[test]
fn add_group_declares_it_once() {
    let mut f = example();
    let change = edit::add_group(&mut f, "QA").unwrap();
    assert_eq!(change, Change::GroupAdded { name: "QA".into() });
    assert_eq!(change.to_string(), "added group QA");
    assert_eq!(f.groups, ["Administrators", "Developers", "QA"]);
    let e = refused(&mut f, |f| edit::add_group(f, "QA"));
    assert_eq!(e, EditError::GroupExists("QA".into()));
    assert_eq!(e.to_string(), "a group \"QA\" already exists");
    assert_eq!(
        refused(&mut f, |f| edit::add_group(f, "")),
        EditError::EmptyName
    );
}

#[test]
fn rename_group_renames_it_everywhere() {
    let mut f = example();
    edit::join_group(&mut f, &["Admin"], "Developers").unwrap();
    let change = edit::rename_group(&mut f, "Developers", "Devs").unwrap();
    assert_eq!(
        change,
        Change::GroupRenamed {
            from: "Developers".into(),
            to: "Devs".into(),
            members: 2
        }
    );
    assert_eq!(
        change.to_string(),
        "renamed group Developers to Devs (2 members)"
    );
    assert_eq!(f.groups, ["Administrators", "Devs"]);
    assert_eq!(f.users[0].groups, ["Administrators", "Devs"]);
    assert_eq!(f.users[1].groups, ["Devs"]);
    assert!(!to_json(&f).contains("Developers"));
    // A group only users name can be renamed too.
    let mut f = file(r#"{"users": [{"userName": "a", "groups": ["Undeclared"]}], "groups": []}"#);
    let change = edit::rename_group(&mut f, "Undeclared", "Now").unwrap();
    assert_eq!(
        change.to_string(),
        "renamed group Undeclared to Now (1 member)"
    );
    assert_eq!(f.users[0].groups, ["Now"]);
}

#[test]
fn rename_group_refuses_unknown_existing_and_empty_names() {
    let mut f = example();
    let e = refused(&mut f, |f| edit::rename_group(f, "Ghosts", "X"));
    assert_eq!(e, EditError::UnknownGroup("Ghosts".into()));
    assert_eq!(e.to_string(), "there is no group \"Ghosts\"");
    assert_eq!(
        refused(&mut f, |f| edit::rename_group(
            f,
            "Developers",
            "Administrators"
        )),
        EditError::GroupExists("Administrators".into())
    );
    assert_eq!(
        refused(&mut f, |f| edit::rename_group(f, "Developers", "  ")),
        EditError::EmptyName
    );
}

#[test]
fn remove_group_removes_it_from_every_user() {
    let mut f = example();
    edit::join_group(&mut f, &["Admin"], "Developers").unwrap();
    let change = edit::remove_group(&mut f, "Developers").unwrap();
    assert_eq!(
        change,
        Change::GroupRemoved {
            name: "Developers".into(),
            members: 2
        }
    );
    assert_eq!(
        change.to_string(),
        "removed group Developers (2 users lost it)"
    );
    assert_eq!(f.groups, ["Administrators"]);
    assert_eq!(f.users[0].groups, ["Administrators"]);
    assert!(f.users[1].groups.is_empty());
    assert_eq!(
        refused(&mut f, |f| edit::remove_group(f, "Developers")),
        EditError::UnknownGroup("Developers".into())
    );
    let change = edit::remove_group(&mut f, "Administrators").unwrap();
    assert_eq!(
        change.to_string(),
        "removed group Administrators (1 user lost it)"
    );
}

#[test]
fn add_missing_groups_declares_undeclared_groups_in_order() {
    let mut f = file(
        r#"{"users": [{"userName": "a", "groups": ["B", "x"]}, {"userName": "b", "groups": ["A", "B"]}], "groups": ["x"]}"#,
    );
    let change = edit::add_missing_groups(&mut f);
    assert_eq!(
        change,
        Change::GroupsAdded {
            names: vec!["B".into(), "A".into()]
        }
    );
    assert_eq!(change.to_string(), "added 2 missing groups");
    assert_eq!(f.groups, ["x", "B", "A"]);
    let change = edit::add_missing_groups(&mut f);
    assert_eq!(change, Change::GroupsAdded { names: vec![] });
    assert_eq!(change.to_string(), "added 0 missing groups");
}

#[test]
fn set_password_hashed_stores_a_verifiable_hash_and_no_plaintext() {
    let mut f = example();
    let change = edit::set_password(&mut f, "jDoe", "n3w pass", PasswordStorage::Hashed).unwrap();
    assert_eq!(
        change,
        Change::PasswordSet {
            user: "jDoe".into(),
            hashed: true
        }
    );
    assert_eq!(change.to_string(), "set a hashed password for jDoe");
    let user = &f.users[1];
    assert_eq!(user.password_state(), PasswordState::Hashed);
    assert_ne!(user.salt_bytes.as_deref(), Some("rDSMubDRmbcURg=="));
    assert!(password::verify("n3w pass", user));
    assert!(!password::verify("n3w Pass", user));
    assert!(!to_json(&f).contains("n3w pass"));
    assert_eq!(written_keys(&f, 1), HASHED_KEYS);
}

#[test]
fn set_password_plaintext_takes_the_place_of_the_hash() {
    let mut f = example();
    let change = edit::set_password(
        &mut f,
        "jDoe",
        "MySecurePassword!",
        PasswordStorage::Plaintext,
    )
    .unwrap();
    assert_eq!(change.to_string(), "set a plaintext password for jDoe");
    let user = &f.users[1];
    assert_eq!(user.password.as_deref(), Some("MySecurePassword!"));
    assert_eq!(user.password_bytes, None);
    assert_eq!(user.salt_bytes, None);
    assert_eq!(
        written_keys(&f, 1),
        [
            "userName",
            "displayName",
            "emailAddress",
            "password",
            "groups"
        ]
    );
    assert_eq!(
        refused(&mut f, |f| edit::set_password(
            f,
            "nobody",
            "x",
            PasswordStorage::Hashed
        )),
        EditError::UnknownUser("nobody".into())
    );
    assert_eq!(PasswordStorage::default(), PasswordStorage::Hashed);
}

#[test]
fn clear_password_removes_hash_and_plaintext() {
    let mut f = file(
        r#"{"users": [{"userName": "a", "password": "pw", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==", "groups": []}]}"#,
    );
    let change = edit::clear_password(&mut f, "a").unwrap();
    assert_eq!(change, Change::PasswordCleared { user: "a".into() });
    assert_eq!(change.to_string(), "cleared the password of a");
    assert_eq!(f.users[0].password_state(), PasswordState::None);
    assert_eq!(written_keys(&f, 0), ["userName", "groups"]);
    assert_eq!(
        refused(&mut f, |f| edit::clear_password(f, "b")),
        EditError::UnknownUser("b".into())
    );
}

#[test]
fn hashing_plaintext_puts_the_hash_exactly_where_the_password_stood() {
    let text = r#"{
  "users": [
    {
      "userName": "jDoe",
      "displayName": "John Doe",
      "password": "MySecurePassword!",
      "custom": 1,
      "groups": [
        "Developers"
      ]
    },
    {
      "password": "Admin",
      "userName": "Admin",
      "groups": []
    },
    {
      "userName": "kept",
      "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=",
      "saltBytes": "sBaGqDLnTykFGQ=="
    }
  ],
  "groups": [
    "Developers"
  ]
}
"#;
    let mut f = file(text);
    let change = edit::hash_plaintext_passwords(&mut f).unwrap();
    assert_eq!(
        change,
        Change::PasswordsHashed {
            users: vec!["jDoe".into(), "Admin".into()]
        }
    );
    assert_eq!(change.to_string(), "hashed 2 passwords");
    assert_eq!(
        written_keys(&f, 0),
        [
            "userName",
            "displayName",
            "passwordBytes",
            "saltBytes",
            "custom",
            "groups"
        ]
    );
    assert_eq!(
        written_keys(&f, 1),
        ["passwordBytes", "saltBytes", "userName", "groups"]
    );
    assert!(password::verify("MySecurePassword!", &f.users[0]));
    assert!(password::verify("Admin", &f.users[1]));
    assert_ne!(f.users[0].salt_bytes, f.users[1].salt_bytes);
    // The hashed user is untouched.
    assert_eq!(f.users[2].salt_bytes.as_deref(), Some("sBaGqDLnTykFGQ=="));
    assert_eq!(f.plaintext_count(), 0);
    let out = to_json(&f);
    assert!(!out.contains("MySecurePassword!") && !out.contains("\"password\""));
    // The rest of the text is as it was.
    let mut expected = text.to_owned();
    for (plain, user) in [("MySecurePassword!", &f.users[0]), ("Admin", &f.users[1])] {
        let hash = format!(
            "\"passwordBytes\": \"{}\",\n      \"saltBytes\": \"{}\"",
            user.password_bytes.as_deref().unwrap(),
            user.salt_bytes.as_deref().unwrap()
        );
        expected = expected.replacen(&format!("\"password\": \"{plain}\""), &hash, 1);
    }
    assert_eq!(out, expected);
    // Nothing left to hash.
    let change = edit::hash_plaintext_passwords(&mut f).unwrap();
    assert_eq!(change.to_string(), "hashed 0 passwords");
}

#[test]
fn hashing_elsewhere_gives_the_same_result_as_hashing_here() {
    let mut f = file(
        r#"{"users": [{"userName": "a"}, {"userName": "b", "password": "pw-b"}, {"userName": "c", "password": "pw-c"}]}"#,
    );
    let jobs = edit::plaintext_passwords(&f);
    assert_eq!(jobs, [(1, "pw-b".to_owned()), (2, "pw-c".to_owned())]);
    let hashes: Vec<_> = jobs
        .into_iter()
        .map(|(i, p)| (i, password::hash(&p).unwrap()))
        .collect();
    let change = edit::apply_hashes(&mut f, hashes);
    assert_eq!(
        change,
        Change::PasswordsHashed {
            users: vec!["b".into(), "c".into()]
        }
    );
    assert!(password::verify("pw-b", &f.users[1]));
    assert!(password::verify("pw-c", &f.users[2]));
    assert_eq!(f.plaintext_count(), 0);
    // An index past the end is ignored.
    let change = edit::apply_hashes(&mut f, [(9, password::hash("x").unwrap())]);
    assert_eq!(change, Change::PasswordsHashed { users: vec![] });
}

#[test]
fn hide_password_bytes_drops_hashes_and_keeps_plaintext() {
    let mut f = example();
    edit::add_user(&mut f, User::new("plain")).unwrap();
    edit::set_password(&mut f, "plain", "pw", PasswordStorage::Plaintext).unwrap();
    let change = edit::hide_password_bytes(&mut f);
    assert_eq!(change, Change::PasswordBytesHidden { users: 2 });
    assert_eq!(change.to_string(), "hid the password bytes of 2 users");
    let out = to_json(&f);
    assert!(!out.contains("passwordBytes") && !out.contains("saltBytes"));
    assert_eq!(f.users[2].password.as_deref(), Some("pw"));
    assert_eq!(
        written_keys(&f, 1),
        ["userName", "displayName", "emailAddress", "groups"]
    );
    assert_eq!(
        edit::hide_password_bytes(&mut f).to_string(),
        "hid the password bytes of 0 users"
    );
}

#[test]
fn singular_counts_read_naturally() {
    assert_eq!(
        Change::UsersRemoved {
            names: vec!["a".into(), "b".into(), "c".into()]
        }
        .to_string(),
        "removed 3 users"
    );
    assert_eq!(
        Change::GroupsAdded {
            names: vec!["x".into()]
        }
        .to_string(),
        "added 1 missing group"
    );
    assert_eq!(
        Change::PasswordsHashed {
            users: vec!["a".into()]
        }
        .to_string(),
        "hashed 1 password"
    );
    assert_eq!(
        Change::PasswordBytesHidden { users: 1 }.to_string(),
        "hid the password bytes of 1 user"
    );
    assert_eq!(
        Change::GroupsSet {
            user: "u".into(),
            joined: vec!["a".into()],
            left: vec!["b".into()]
        }
        .to_string(),
        "u joined 1 group and left 1 group"
    );
}
