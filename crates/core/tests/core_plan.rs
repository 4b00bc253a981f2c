//! The import dry run: what importing one file over another would change.

use proget_users_core::model::UsersFile;
use proget_users_core::plan::{plan, ImportPlan, UserUpdate};

mod support;
use support::{example, file, DELETE, KEEP};

/// The server's file with `edit` applied to its text.
fn import(edit: impl FnOnce(String) -> String) -> UsersFile {
    file(&edit(proget_users_core::sample::EXAMPLE_EXPORT.to_owned()))
}

#[test]
fn importing_the_same_file_changes_nothing() {
    for options in [KEEP, DELETE] {
        let p = plan(&example(), &example(), options);
        assert!(p.is_empty());
        assert_eq!(p.len(), 0);
        assert_eq!(p.lines(), Vec::<String>::new());
        assert_eq!(p.to_string(), "");
    }
}

#[test]
fn a_new_user_is_added() {
    let imp = import(|t| {
        t.replacen(
            "  ],\n  \"groups\"",
            "    ,{\"userName\": \"newbie\", \"password\": \"x\"}\n  ],\n  \"groups\"",
            1,
        )
    });
    let p = plan(&example(), &imp, KEEP);
    assert_eq!(p.users_added, ["newbie"]);
    assert_eq!(p.lines(), ["add-user \"newbie\""]);
    assert_eq!(p.to_string(), "add-user \"newbie\"\n");
}

#[test]
fn display_name_and_email_changes_are_updates() {
    let imp = import(|t| {
        t.replace("\"John Doe\"", "\"Johnny\"")
            .replace("\"jdoe@example.com\"", "\"john@example.com\"")
            .replace(
                "\"displayName\": \"Administrator\",",
                "\"displayName\": \"Administrator\",\n      \"emailAddress\": \"admin@example.com\",",
            )
    });
    let p = plan(&example(), &imp, KEEP);
    assert_eq!(
        p.users_updated,
        [
            UserUpdate {
                user_name: "Admin".into(),
                email: Some((None, Some("admin@example.com".into()))),
                ..UserUpdate::default()
            },
            UserUpdate {
                user_name: "jDoe".into(),
                display_name: Some((Some("John Doe".into()), Some("Johnny".into()))),
                email: Some((
                    Some("jdoe@example.com".into()),
                    Some("john@example.com".into())
                )),
                ..UserUpdate::default()
            },
        ]
    );
    assert_eq!(
        p.lines(),
        [
            "update-user \"Admin\" email (none) -> \"admin@example.com\"",
            "update-user \"jDoe\" display-name \"John Doe\" -> \"Johnny\"",
            "update-user \"jDoe\" email \"jdoe@example.com\" -> \"john@example.com\"",
        ]
    );
}

#[test]
fn a_missing_email_means_none_and_an_empty_one_is_the_same() {
    let removed = import(|t| t.replace("      \"emailAddress\": \"jdoe@example.com\",\n", ""));
    assert_eq!(
        plan(&example(), &removed, KEEP).lines(),
        ["update-user \"jDoe\" email \"jdoe@example.com\" -> (none)"]
    );
    let empty = import(|t| {
        t.replace(
            "\"displayName\": \"Administrator\",",
            "\"displayName\": \"Administrator\", \"emailAddress\": \"\",",
        )
    });
    assert!(plan(&example(), &empty, KEEP).is_empty());
}

#[test]
fn groups_joined_and_left_are_listed_per_user() {
    let imp = import(|t| {
        t.replacen(
            "\"Developers\"\n      ]",
            "\"QA\",\n        \"Administrators\"\n      ]",
            1,
        )
    });
    let p = plan(&example(), &imp, KEEP);
    assert_eq!(p.groups_added, ["QA"]);
    assert_eq!(
        p.users_updated,
        [UserUpdate {
            user_name: "jDoe".into(),
            groups_joined: vec!["QA".into(), "Administrators".into()],
            groups_left: vec!["Developers".into()],
            ..UserUpdate::default()
        }]
    );
    assert_eq!(
        p.lines(),
        [
            "add-group \"QA\"",
            "update-user \"jDoe\" join-group \"QA\"",
            "update-user \"jDoe\" join-group \"Administrators\"",
            "update-user \"jDoe\" leave-group \"Developers\"",
        ]
    );
}

#[test]
fn a_plaintext_password_changes_the_password() {
    let imp = import(|t| {
        t.replace(
            "\"passwordBytes\": \"2TrI7i+MckZCprLE1cP36M8snwg=\",\n      \"saltBytes\": \"rDSMubDRmbcURg==\"",
            "\"password\": \"MySecurePassword!\"",
        )
    });
    assert_eq!(imp.users[1].password.as_deref(), Some("MySecurePassword!"));
    let p = plan(&example(), &imp, KEEP);
    assert_eq!(p.lines(), ["update-user \"jDoe\" password"]);
    assert!(!p.to_string().contains("MySecurePassword!"));
    // Even the same plaintext is a change: ProGet hashes it anew.
    let again = plan(&imp, &imp, KEEP);
    assert_eq!(again.lines(), ["update-user \"jDoe\" password"]);
}

#[test]
fn a_different_hash_changes_the_password_and_the_same_or_none_does_not() {
    let other_hash = import(|t| {
        t.replace(
            "2TrI7i+MckZCprLE1cP36M8snwg=",
            "YqkSkgvkqlGd/qY+yBXaqIxcwE8=",
        )
        .replace("rDSMubDRmbcURg==", "AAECAwQFBgcICQ==")
    });
    assert_eq!(
        plan(&example(), &other_hash, KEEP).lines(),
        ["update-user \"jDoe\" password"]
    );
    let other_salt = import(|t| t.replace("rDSMubDRmbcURg==", "AAECAwQFBgcICQ=="));
    assert_eq!(
        plan(&example(), &other_salt, KEEP).lines(),
        ["update-user \"jDoe\" password"]
    );
    let mut hidden = example();
    proget_users_core::edit::hide_password_bytes(&mut hidden);
    assert!(plan(&example(), &hidden, KEEP).is_empty());
    assert!(plan(&example(), &hidden, DELETE).is_empty());
}

#[test]
fn users_are_matched_by_name_without_regard_to_case() {
    let imp = import(|t| t.replace("\"jDoe\"", "\"JDOE\""));
    let p = plan(&example(), &imp, DELETE);
    assert!(p.users_added.is_empty());
    assert!(p.users_removed.is_empty());
    assert_eq!(
        p.users_updated,
        [UserUpdate {
            user_name: "jDoe".into(),
            renamed_to: Some("JDOE".into()),
            ..UserUpdate::default()
        }]
    );
    assert_eq!(p.lines(), ["update-user \"jDoe\" user-name -> \"JDOE\""]);
}

#[test]
fn a_user_listed_twice_in_the_import_counts_once() {
    let imp = file(
        r#"{"users": [{"userName": "n", "displayName": "first"}, {"userName": "N", "displayName": "second"}]}"#,
    );
    let p = plan(&UsersFile::new(), &imp, KEEP);
    assert_eq!(p.lines(), ["add-user \"n\""]);
}

#[test]
fn groups_only_in_the_import_are_added() {
    let imp = import(|t| t.replace("\"Developers\"\n  ]", "\"Developers\",\n    \"Ops\"\n  ]"));
    let p = plan(&example(), &imp, KEEP);
    assert_eq!(p.groups_added, ["Ops"]);
    assert_eq!(p.lines(), ["add-group \"Ops\""]);
    // A group a user names counts even when it is not declared.
    let imp = import(|t| {
        t.replace(
            "\"Administrators\"\n      ]",
            "\"Administrators\", \"Sec\"\n      ]",
        )
    });
    assert_eq!(plan(&example(), &imp, KEEP).groups_added, ["Sec"]);
}

#[test]
fn delete_missing_removes_users_and_groups_not_in_the_import() {
    let imp = file(
        r#"{"users": [{"userName": "admin", "displayName": "Administrator", "groups": ["Administrators"]}], "groups": ["Administrators"]}"#,
    );
    let kept = plan(&example(), &imp, KEEP);
    assert_eq!(
        kept.lines(),
        ["update-user \"Admin\" user-name -> \"admin\""]
    );
    let p = plan(&example(), &imp, DELETE);
    assert_eq!(p.users_removed, ["jDoe"]);
    assert_eq!(p.groups_removed, ["Developers"]);
    assert_eq!(
        p.lines(),
        [
            "update-user \"Admin\" user-name -> \"admin\"",
            "remove-user \"jDoe\"",
            "remove-group \"Developers\"",
        ]
    );
    assert_eq!(p.len(), 3);
}

#[test]
fn the_plan_lists_every_kind_of_change_in_a_stable_order() {
    let server = file(
        r#"{"users": [
            {"userName": "keep", "displayName": "Keep", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==", "groups": ["old"]},
            {"userName": "gone", "groups": ["old"]},
            {"userName": "Quote\"d"}
        ], "groups": ["old", "dropped"]}"#,
    );
    let imp = file(
        r#"{"users": [
            {"userName": "fresh", "groups": ["new"]},
            {"userName": "KEEP", "displayName": null, "emailAddress": "k@example.com", "password": "pw", "groups": ["new", "old"]},
            {"userName": "quote\"d", "displayName": "Q"}
        ], "groups": ["new", "old"]}"#,
    );
    let p = plan(&server, &imp, DELETE);
    assert_eq!(
        p,
        ImportPlan {
            groups_added: vec!["new".into()],
            users_added: vec!["fresh".into()],
            users_updated: vec![
                UserUpdate {
                    user_name: "keep".into(),
                    renamed_to: Some("KEEP".into()),
                    display_name: Some((Some("Keep".into()), None)),
                    email: Some((None, Some("k@example.com".into()))),
                    groups_joined: vec!["new".into()],
                    groups_left: vec![],
                    password_changed: true,
                },
                UserUpdate {
                    user_name: "Quote\"d".into(),
                    renamed_to: Some("quote\"d".into()),
                    display_name: Some((None, Some("Q".into()))),
                    ..UserUpdate::default()
                },
            ],
            users_removed: vec!["gone".into()],
            groups_removed: vec!["dropped".into()],
        }
    );
    assert_eq!(
        p.to_string(),
        r#"add-group "new"
add-user "fresh"
update-user "keep" user-name -> "KEEP"
update-user "keep" display-name "Keep" -> (none)
update-user "keep" email (none) -> "k@example.com"
update-user "keep" join-group "new"
update-user "keep" password
update-user "Quote\"d" user-name -> "quote\"d"
update-user "Quote\"d" display-name (none) -> "Q"
remove-user "gone"
remove-group "dropped"
"#
    );
    assert_eq!(p.len(), 11);
    assert!(!p.is_empty());
}

/// What the page recomputes after an edit of a few users: each user's
/// update on its own is what the whole plan lists for that user.
#[test]
fn the_plan_is_each_users_update_and_the_group_lists() {
    use proget_users_core::plan::{groups_added, groups_removed, user_update};
    let server = example();
    let imp = import(|t| {
        t.replace("\"John Doe\"", "\"Johnny\"")
            .replace("\"Developers\"\n      ]", "\"QA\"\n      ]")
    });
    let p = plan(&server, &imp, DELETE);
    assert_eq!(p.groups_added, groups_added(&server, &imp));
    assert_eq!(p.groups_removed, groups_removed(&server, &imp));
    assert_eq!(p.groups_added, ["QA"]);
    let updates: Vec<UserUpdate> = server
        .users
        .iter()
        .zip(&imp.users)
        .filter_map(|(old, new)| user_update(old, new))
        .collect();
    assert_eq!(p.users_updated, updates);
    assert_eq!(updates.len(), 1);
    assert_eq!(user_update(&server.users[0], &imp.users[0]), None);
    // The count is the lines', without formatting them.
    assert_eq!(p.len(), p.lines().len());
    assert_eq!(p.len(), 4); // add-group, display-name, join-group, leave-group
}
