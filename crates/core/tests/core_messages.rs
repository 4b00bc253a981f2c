//! Messages never carry a raw control character from a file or an
//! argument: a user name `"evil\u001b[2J"` (which clears a terminal) is
//! shown escaped by every error, finding, change label and report line.

use proget_users_core::edit::{self, Change, EditError};
use proget_users_core::merge::{self, MergeError};
use proget_users_core::model::{User, UsersFile};
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::text::is_unsafe;
use proget_users_core::validate::validate;

const EVIL: &str = "evil\u{1b}[2J\u{7}\u{202e}";

fn assert_safe(texts: impl IntoIterator<Item = String>) {
    for text in texts {
        assert!(
            !text.chars().any(is_unsafe),
            "raw control character in {text:?}"
        );
        assert!(text.contains("evil\\u001b[2J\\u0007\\u202e"), "{text:?}");
    }
}

fn evil_file() -> UsersFile {
    let mut file = UsersFile::new();
    let mut user = User::new(EVIL);
    user.set_email_address(Some(format!("{EVIL}@x")));
    user.set_groups(vec![EVIL.into()]);
    file.users.push(user.clone());
    file.users.push(user.clone());
    let mut upper = user;
    upper.set_user_name(EVIL.to_uppercase());
    file.users.push(upper);
    file.groups = vec![EVIL.into(), EVIL.into()];
    file
}

#[test]
fn edit_errors_and_change_labels_escape_names() {
    let mut file = evil_file();
    let errors = [
        EditError::UnknownUser(EVIL.into()),
        EditError::UserExists(EVIL.into()),
        EditError::UnknownGroup(EVIL.into()),
        EditError::GroupExists(EVIL.into()),
    ];
    assert_safe(errors.iter().map(ToString::to_string));
    assert_eq!(
        EditError::UnknownUser(EVIL.into()).to_string(),
        "there is no user \"evil\\u001b[2J\\u0007\\u202e\""
    );
    let changes = [
        edit::set_email(&mut file, EVIL, Some(EVIL)).unwrap(),
        edit::set_display_name(&mut file, EVIL, Some(EVIL)).unwrap(),
        edit::join_group(&mut file, &[EVIL], EVIL).unwrap(),
        edit::rename_group(&mut file, EVIL, &format!("{EVIL}2")).unwrap(),
        edit::remove_user(&mut file, EVIL).unwrap(),
        Change::UserAdded { name: EVIL.into() },
        Change::PasswordCleared { user: EVIL.into() },
    ];
    assert_safe(changes.iter().map(ToString::to_string));
}

#[test]
fn findings_plan_lines_and_comparisons_escape_names() {
    let file = evil_file();
    let findings = validate(&file);
    assert!(findings.len() >= 4, "{findings:?}");
    assert_safe(
        findings
            .iter()
            .filter(|f| !matches!(f.problem, proget_users_core::validate::Problem::NoPassword))
            .map(|f| f.problem.to_string()),
    );

    let mut other = evil_file();
    other.users[0].set_display_name(Some(EVIL.into()));
    other.users.push(User::new(format!("new {EVIL}")));
    let p = plan(
        &file,
        &other,
        PlanOptions {
            delete_missing: true,
        },
    );
    assert!(!p.is_empty());
    assert_safe(p.lines());
    assert!(!p.to_string().chars().any(|c| is_unsafe(c) && c != '\n'));

    let cmp = merge::compare(&file, &other);
    assert_safe(cmp.lines());
    let mut ours = file.clone();
    let taken = merge::take_all_missing(&mut ours, &other);
    assert_safe([taken.to_string()]);
    assert_safe([
        MergeError::UnknownUser(EVIL.into()).to_string(),
        MergeError::UnknownGroup(EVIL.into()).to_string(),
    ]);
}
