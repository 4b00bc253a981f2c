//! ProGet's user-name matching: one rule, written once in `names`, that
//! every module (edit, generate, merge, plan, validate, csv) and the
//! command line resolve names by.

use proget_users_core::csv::{self, BadRows};
use proget_users_core::merge::{self, Resolution};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::names::{alike, find_user, fold, group_changes, same_groups, UserIndex};
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::validate::{validate, Problem};
use proget_users_core::{edit, generate};

fn file(users: &[(&str, &str)]) -> UsersFile {
    let mut file = UsersFile::new();
    for (name, display) in users {
        let mut user = User::new(*name);
        user.set_display_name(Some((*display).to_owned()));
        file.users.push(user);
    }
    file
}

#[test]
fn names_fold_to_lower_case_and_borrow_when_they_can() {
    assert_eq!(fold("jDoe"), "jdoe");
    assert_eq!(fold("J\u{d6}RG"), "j\u{f6}rg");
    assert!(matches!(fold("jdoe"), std::borrow::Cow::Borrowed(_)));
    assert!(matches!(fold("j\u{f6}rg"), std::borrow::Cow::Borrowed(_)));
    assert!(alike("jDoe", "JDOE"));
    assert!(!alike("jDoe", "jDoe2"));
}

/// A file holding two names that fold alike (which validation flags, as
/// ProGet would see one account): the exact spelling wins, then the
/// earlier entry.
#[test]
fn the_exact_spelling_wins_then_the_first_alike() {
    let f = file(&[("JDOE", "first"), ("asmith", "a"), ("jDoe", "second")]);
    let index = UserIndex::of(&f);
    assert_eq!(index.exact("jDoe"), Some(2));
    assert_eq!(index.find("jDoe"), Some(2));
    assert_eq!(index.find("JDOE"), Some(0));
    assert_eq!(index.find("jdoe"), Some(0));
    assert_eq!(index.alike("jDoe"), Some(0));
    assert_eq!(index.exact("jdoe"), None);
    assert_eq!(index.find("nobody"), None);
    assert_eq!(index.distinct(), 2);
    // The single lookup agrees with the index for every spelling.
    for name in ["jDoe", "JDOE", "jdoe", "JDoe", "asmith", "ASMITH", "x"] {
        assert_eq!(find_user(&f, name), index.find(name), "{name}");
        assert_eq!(merge::find_user(&f, name), index.find(name), "{name}");
    }
    // A second entry of one exact name: the first is found.
    let twice = file(&[("a", "1"), ("a", "2")]);
    assert_eq!(UserIndex::of(&twice).exact("a"), Some(0));
}

#[test]
fn every_module_resolves_a_name_the_same_way() {
    // Theirs holds "JDOE" and "jDoe"; ours and the import hold "jDoe".
    let theirs = file(&[("JDOE", "Other"), ("jDoe", "John")]);
    let ours = file(&[("jDoe", "John")]);

    // Compare pairs ours' jDoe with theirs' jDoe (exact), not with JDOE.
    let cmp = merge::compare(&ours, &theirs);
    assert_eq!(cmp.same, ["jDoe"], "{cmp:?}");
    assert!(cmp.conflicts.is_empty() && cmp.only_theirs.is_empty());

    // Importing ours over theirs updates theirs' jDoe: nothing changes.
    assert!(plan(&theirs, &ours, PlanOptions::default()).is_empty());

    // Taking a user updates the exact one.
    let mut taken = theirs.clone();
    let mut john = ours.users[0].clone();
    john.set_display_name(Some("Johnny".into()));
    merge::take_user(&mut taken, &john, &Resolution::Theirs).unwrap();
    assert_eq!(taken.users[1].display_name.as_deref(), Some("Johnny"));
    assert_eq!(taken.users[0].display_name.as_deref(), Some("Other"));

    // A CSV row updates the exact one; another spelling the first alike.
    let rows = csv::parse_csv("Name,DisplayName\njDoe,Johnny\n").unwrap();
    let mut f = theirs.clone();
    csv::apply(&mut f, &rows, BadRows::Refuse).unwrap();
    assert_eq!(f.users[1].display_name.as_deref(), Some("Johnny"));
    assert_eq!(f.users[0].display_name.as_deref(), Some("Other"));
    let rows = csv::parse_csv("Name,DisplayName\njdoe,Lower\n").unwrap();
    let mut f = theirs.clone();
    csv::apply(&mut f, &rows, BadRows::Refuse).unwrap();
    assert_eq!(f.users[0].display_name.as_deref(), Some("Lower"));

    // Validation flags the pair, naming the first.
    let findings = validate(&theirs);
    assert!(findings.iter().any(|f| matches!(
        &f.problem,
        Problem::UserNamesDifferInCase { name, other, first: 0 } if name == "jDoe" && other == "JDOE"
    )));

    // Edits and generated passwords name users exactly.
    let mut f = theirs.clone();
    edit::join_group(&mut f, &["jDoe"], "G").unwrap();
    assert_eq!(f.users[1].groups, ["G"]);
    assert!(f.users[0].groups.is_empty());
    let sheet = generate::new_credentials(&theirs, &["jDoe"], &Default::default()).unwrap();
    assert_eq!(sheet[0].display_name.as_deref(), Some("John"));
}

#[test]
fn a_new_name_may_not_fold_like_another() {
    let mut f = file(&[("jDoe", "John")]);
    assert_eq!(
        edit::add_user(&mut f, User::new("JDOE")),
        Err(edit::EditError::UserExists("JDOE".into()))
    );
    assert!(edit::rename_user(&mut f, "jDoe", "JDOE").is_ok());
}

#[test]
fn group_changes_are_found_in_order_short_or_long() {
    let s = |v: &[&str]| v.iter().map(|g| g.to_string()).collect::<Vec<_>>();
    let (joined, left) = group_changes(&s(&["a", "b"]), &s(&["b", "c"]));
    assert_eq!((joined, left), (s(&["c"]), s(&["a"])));
    assert!(same_groups(&s(&["a", "b"]), &s(&["b", "a"])));
    assert!(!same_groups(&s(&["a"]), &s(&["A"])));
    // Long lists take a set; the answer is the same.
    let old: Vec<String> = (0..400).map(|i| format!("g{i}")).collect();
    let new: Vec<String> = (200..600).map(|i| format!("g{i}")).collect();
    let (joined, left) = group_changes(&old, &new);
    assert_eq!(joined, new[200..]);
    assert_eq!(left, old[..200]);
    assert!(same_groups(
        &old,
        &old.iter().rev().cloned().collect::<Vec<_>>()
    ));
}
