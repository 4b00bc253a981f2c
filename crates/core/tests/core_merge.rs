//! Comparing two exports and taking users and groups across.

use proget_users_core::merge::{
    compare, diff_user, take_all, take_all_missing, take_group, take_user, Field, FieldDiff,
    MergeError, Resolution, Side,
};
use proget_users_core::model::UsersFile;
use proget_users_core::{parse, password, plan, write};

fn ours() -> UsersFile {
    let hash = password::hash_with_salt("one", &[1; 10]);
    parse::parse_str(&format!(
        r#"{{"users":[
            {{"userName":"jDoe","displayName":"John Doe","emailAddress":"john@old.example","passwordBytes":"{}","saltBytes":"{}","groups":["Developers"]}},
            {{"userName":"asmith","displayName":"Ann Smith","groups":["Ops","Developers"]}},
            {{"userName":"onlyours","displayName":"Only Ours","groups":[]}}
        ],"groups":["Developers","Ops","Local"]}}"#,
        hash.password_bytes, hash.salt_bytes
    ))
    .unwrap()
    .file
}

fn theirs() -> UsersFile {
    let hash = password::hash_with_salt("two", &[2; 10]);
    parse::parse_str(&format!(
        r#"{{"users":[
            {{"userName":"JDOE","displayName":"John Doe","emailAddress":"john@new.example","passwordBytes":"{}","saltBytes":"{}","groups":["developers","QA"]}},
            {{"userName":"asmith","displayName":"Ann Smith","groups":["Developers","Ops"]}},
            {{"userName":"newbie","displayName":"New Bie","emailAddress":"nb@example.com","password":"plain-secret","groups":["QA","Remote"]}}
        ],"groups":["Developers","Ops","QA"]}}"#,
        hash.password_bytes, hash.salt_bytes
    ))
    .unwrap()
    .file
}

#[test]
fn compare_sorts_users_and_groups() {
    let cmp = compare(&ours(), &theirs());
    assert_eq!(cmp.only_ours, ["onlyours"]);
    assert_eq!(cmp.only_theirs, ["newbie"]);
    assert_eq!(cmp.same, ["asmith"]); // group order does not matter
    assert_eq!(cmp.groups_only_ours, ["Local"]);
    assert_eq!(cmp.groups_only_theirs, ["QA", "Remote"]);
    assert_eq!(cmp.groups_both, ["Developers", "Ops"]);
    assert!(!cmp.is_same());

    assert_eq!(cmp.conflicts.len(), 1);
    let c = &cmp.conflicts[0];
    assert_eq!((c.name.as_str(), c.theirs_name.as_str()), ("jDoe", "JDOE"));
    let fields: Vec<Field> = c.fields.iter().map(|d| d.field).collect();
    assert_eq!(
        fields,
        [
            Field::UserName,
            Field::Email,
            Field::Password,
            Field::Groups
        ]
    );
    assert_eq!(
        c.fields[1],
        FieldDiff {
            field: Field::Email,
            ours: Some("john@old.example".into()),
            theirs: Some("john@new.example".into()),
        }
    );
    assert!(c.fields[2].ours.as_deref().unwrap().starts_with("hash "));
    assert_ne!(c.fields[2].ours, c.fields[2].theirs);
    assert_eq!(c.fields[3].theirs.as_deref(), Some("developers, QA"));

    let text = cmp.to_string();
    assert!(text.contains("only-ours \"onlyours\"\n"), "{text}");
    assert!(
        text.contains("conflict \"jDoe\" email \"john@old.example\" | \"john@new.example\"\n"),
        "{text}"
    );
    assert!(text.contains("group-only-theirs \"Remote\"\n"), "{text}");

    assert!(compare(&ours(), &ours()).is_same());
    assert_eq!(compare(&ours(), &ours()).same.len(), 3);
}

#[test]
fn plaintext_is_described_never_shown() {
    let mut a = theirs();
    let b = theirs();
    a.users[2].set_plaintext_password("other-secret".into());
    let cmp = compare(&a, &b);
    let d = &cmp.conflicts[0].fields[0];
    assert_eq!(d.field, Field::Password);
    assert_eq!(d.ours.as_deref(), Some("plaintext"));
    let shown = format!("{cmp:?}{cmp}");
    assert!(!shown.contains("secret"), "{shown}");
}

#[test]
fn take_user_theirs_takes_every_differing_field() {
    let mut file = ours();
    let their = theirs();
    let taken = take_user(&mut file, their.user("JDOE").unwrap(), &Resolution::Theirs).unwrap();
    assert_eq!(taken.users_updated[0].name, "JDOE");
    assert_eq!(
        taken.users_updated[0].fields,
        [
            Field::UserName,
            Field::Email,
            Field::Password,
            Field::Groups
        ]
    );
    assert_eq!(taken.groups_added, ["QA"]);
    let user = &file.users[0];
    assert_eq!(user.user_name, "JDOE");
    assert_eq!(user.email_address.as_deref(), Some("john@new.example"));
    assert!(password::verify("two", user));
    // "developers" is ours' "Developers"; "QA" is declared.
    assert_eq!(user.groups, ["Developers", "QA"]);
    assert_eq!(file.groups, ["Developers", "Ops", "Local", "QA"]);
    // After taking theirs, the user is the same on both sides.
    assert!(compare(&file, &their).same.contains(&"JDOE".to_owned()));
}

#[test]
fn take_user_per_field_and_ours() {
    let mut file = ours();
    let their = theirs();
    let before = file.clone();
    let taken = take_user(&mut file, &their.users[0], &Resolution::Ours).unwrap();
    assert!(taken.is_empty());
    assert_eq!(taken.to_string(), "took nothing");
    assert_eq!(file, before);

    let choice = Resolution::from_choices(&[
        (Field::Email, Side::Theirs),
        (Field::Groups, Side::Theirs),
        (Field::Password, Side::Ours),
    ]);
    let taken = take_user(&mut file, &their.users[0], &choice).unwrap();
    assert_eq!(
        taken.to_string(),
        "took the email and groups of jDoe, declared group QA"
    );
    let user = &file.users[0];
    assert_eq!(user.user_name, "jDoe");
    assert!(password::verify("one", user));
    assert_eq!(user.email_address.as_deref(), Some("john@new.example"));
    let left = compare(&file, &their);
    let fields: Vec<Field> = left.conflicts[0].fields.iter().map(|d| d.field).collect();
    assert_eq!(fields, [Field::UserName, Field::Password]);
}

#[test]
fn take_user_adds_a_missing_user_with_its_groups() {
    let mut file = ours();
    let their = theirs();
    let before = file.clone();
    assert!(
        take_user(&mut file, their.user("newbie").unwrap(), &Resolution::Ours)
            .unwrap()
            .is_empty()
    );
    assert_eq!(file, before);
    let taken = take_user(
        &mut file,
        their.user("newbie").unwrap(),
        &Resolution::Theirs,
    )
    .unwrap();
    assert_eq!(taken.users_added, ["newbie"]);
    assert_eq!(taken.groups_added, ["QA", "Remote"]);
    assert_eq!(taken.to_string(), "added user newbie, declared 2 groups");
    let added = file.user("newbie").unwrap();
    assert_eq!(added.password.as_deref(), Some("plain-secret"));
    assert_eq!(added.email_address.as_deref(), Some("nb@example.com"));
    // Taking the same user again changes nothing.
    let again = take_user(
        &mut file,
        their.user("newbie").unwrap(),
        &Resolution::Theirs,
    )
    .unwrap();
    assert!(again.is_empty());

    let mut nameless = their.users[0].clone();
    nameless.user_name = " ".into();
    assert_eq!(
        take_user(&mut file, &nameless, &Resolution::Theirs),
        Err(MergeError::EmptyName)
    );
}

#[test]
fn take_group_declares_it_once_in_any_letter_case() {
    let mut file = ours();
    let their = theirs();
    let taken = take_group(&mut file, &their, "remote").unwrap();
    assert_eq!(taken.groups_added, ["Remote"]);
    assert_eq!(taken.to_string(), "declared group Remote");
    assert!(take_group(&mut file, &their, "REMOTE").unwrap().is_empty());
    assert!(take_group(&mut file, &their, "developers")
        .unwrap()
        .is_empty());
    assert_eq!(file.groups, ["Developers", "Ops", "Local", "Remote"]);
    assert_eq!(
        take_group(&mut file, &their, "Nope"),
        Err(MergeError::UnknownGroup("Nope".into()))
    );
    assert_eq!(
        MergeError::UnknownGroup("Nope".into()).to_string(),
        "the other file has no group \"Nope\""
    );
}

#[test]
fn take_all_missing_adds_users_and_groups_and_leaves_conflicts() {
    let mut file = ours();
    let their = theirs();
    let taken = take_all_missing(&mut file, &their);
    assert_eq!(taken.users_added, ["newbie"]);
    assert_eq!(taken.groups_added, ["QA", "Remote"]);
    assert!(taken.users_updated.is_empty());
    let cmp = compare(&file, &their);
    assert!(cmp.only_theirs.is_empty() && cmp.groups_only_theirs.is_empty());
    assert_eq!(cmp.conflicts.len(), 1);
    assert_eq!(cmp.only_ours, ["onlyours"]);
    assert_eq!(
        file.users[0].email_address.as_deref(),
        Some("john@old.example")
    );
    // The merged file imported over theirs adds and changes only ours' side.
    let p = plan::plan(&their, &file, plan::PlanOptions::default());
    assert_eq!(p.users_added, ["onlyours"]);
    assert!(take_all_missing(&mut file, &their).is_empty());
    assert!(write::to_json(&file).contains("\"newbie\""));
}

#[test]
fn take_all_settles_every_conflict_then_takes_what_is_missing() {
    // Ours' jDoe and theirs' JDOE are one user (ProGet's matching); the
    // resolution takes their email and groups, nothing else.
    let mut file = ours();
    let their = theirs();
    let choice = Resolution::PerField(vec![Field::Email, Field::Groups]);
    let taken = take_all(&mut file, &their, &choice);
    assert_eq!(
        taken.to_string(),
        "added user newbie, took the email and groups of jDoe, declared 2 groups"
    );
    let user = &file.users[0];
    assert_eq!(user.user_name, "jDoe");
    assert!(password::verify("one", user));
    assert_eq!(user.email_address.as_deref(), Some("john@new.example"));
    assert_eq!(user.groups, ["Developers", "QA"]);
    assert_eq!(file.groups, ["Developers", "Ops", "Local", "QA", "Remote"]);
    let left = compare(&file, &their);
    let fields: Vec<Field> = left.conflicts[0].fields.iter().map(|d| d.field).collect();
    assert_eq!(fields, [Field::UserName, Field::Password]);
    assert!(left.only_theirs.is_empty() && left.groups_only_theirs.is_empty());

    // Theirs whole: the user is renamed and takes their password, and
    // nothing is left to take.
    let taken = take_all(&mut file, &their, &Resolution::Theirs);
    assert_eq!(taken.users_updated[0].name, "JDOE");
    assert_eq!(
        taken.users_updated[0].fields,
        [Field::UserName, Field::Password]
    );
    assert!(password::verify("two", &file.users[0]));
    let left = compare(&file, &their);
    assert!(left.conflicts.is_empty() && left.only_theirs.is_empty());
    assert_eq!(left.only_ours, ["onlyours"]);
    assert!(take_all(&mut file, &their, &Resolution::Theirs).is_empty());
}

#[test]
fn display_names_and_emails_compare_empty_as_unset() {
    let a = parse::parse_str(r#"{"users":[{"userName":"x","emailAddress":""}]}"#)
        .unwrap()
        .file;
    let b = parse::parse_str(r#"{"users":[{"userName":"x"}]}"#)
        .unwrap()
        .file;
    assert!(diff_user(&a.users[0], &b.users[0]).is_empty());
    assert_eq!(compare(&a, &b).same, ["x"]);
}
