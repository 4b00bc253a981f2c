//! Carrying an import plan out: what the server holds after ProGet's import
//! (`plan::apply`). The fuzz target `plan` checks the same promises on
//! arbitrary pairs of files; these pin each one with a file a person can
//! read.

use proget_users_core::model::UsersFile;
use proget_users_core::plan::{apply, plan, ImportPlan, PlanOptions, UserUpdate};
use proget_users_core::write::to_json;

mod support;
use support::{example, file, DELETE, KEEP};

fn names(file: &UsersFile) -> Vec<&str> {
    file.users.iter().map(|u| u.user_name.as_str()).collect()
}

/// The server after importing `import` with `options`.
fn after(server: &UsersFile, import: &UsersFile, options: PlanOptions) -> UsersFile {
    apply(server, import, &plan(server, import, options))
}

#[test]
fn importing_the_server_s_own_export_leaves_it_as_it_was() {
    let server = example();
    for options in [KEEP, DELETE] {
        let result = after(&server, &server, options);
        assert_eq!(result, server);
        assert_eq!(to_json(&result), proget_users_core::sample::EXAMPLE_EXPORT);
    }
}

#[test]
fn users_the_import_lacks_stay_unless_missing_ones_are_deleted() {
    let server = example();
    let import = file(
        r#"{"users":[{"userName":"kim","displayName":"Kim","groups":["QA"]}],"groups":["QA"]}"#,
    );
    let kept = after(&server, &import, KEEP);
    assert_eq!(names(&kept), ["Admin", "jDoe", "kim"]);
    assert_eq!(kept.users[..2], server.users[..]);
    assert_eq!(kept.users[2], import.users[0]);
    assert_eq!(kept.groups, ["Administrators", "Developers", "QA"]);

    let deleted = after(&server, &import, DELETE);
    assert_eq!(names(&deleted), ["kim"]);
    assert_eq!(deleted.groups, ["QA"]);
}

#[test]
fn an_update_takes_the_import_s_fields_and_keeps_the_rest() {
    let server = file(
        r#"{"users":[{"userName":"jdoe","displayName":"John","emailAddress":"j@old.example","passwordBytes":"aGFzaA==","saltBytes":"c2FsdA==","groups":["Dev","Ops"],"x":1}],"groups":["Dev","Ops"]}"#,
    );
    let import = file(
        r#"{"users":[{"userName":"JDoe","displayName":"Johnny","emailAddress":"","groups":["Ops","QA"]}],"groups":[]}"#,
    );
    let result = after(&server, &import, KEEP);
    let user = &result.users[0];
    assert_eq!(user.user_name, "JDoe");
    assert_eq!(user.display_name.as_deref(), Some("Johnny"));
    assert_eq!(user.email_address, None, "an empty email is none");
    assert_eq!(user.groups, ["Ops", "QA"]);
    // No password in the import: the server keeps its own.
    assert_eq!(user.password_bytes.as_deref(), Some("aGFzaA=="));
    assert_eq!(user.salt_bytes.as_deref(), Some("c2FsdA=="));
    // A field ProGet does not know stays as the server had it.
    assert_eq!(user.extra_fields().count(), 1);
    assert_eq!(result.groups, ["Dev", "Ops", "QA"]);
    assert_eq!(
        to_json(&result),
        r#"{"users":[{"userName":"JDoe","displayName":"Johnny","passwordBytes":"aGFzaA==","saltBytes":"c2FsdA==","groups":["Ops","QA"],"x":1}],"groups":["Dev","Ops","QA"]}"#
    );
}

#[test]
fn a_changed_password_is_the_import_s_plaintext_or_hash() {
    let server = file(
        r#"{"users":[{"userName":"a","passwordBytes":"b2xk","saltBytes":"c2FsdA=="},{"userName":"b","passwordBytes":"b2xk","saltBytes":"c2FsdA=="}]}"#,
    );
    let import = file(
        r#"{"users":[{"userName":"a","password":"s3cret"},{"userName":"b","passwordBytes":"bmV3","saltBytes":"bmV3c2FsdA=="}]}"#,
    );
    let result = after(&server, &import, KEEP);
    let (a, b) = (&result.users[0], &result.users[1]);
    assert_eq!(a.password.as_deref(), Some("s3cret"));
    assert_eq!((&a.password_bytes, &a.salt_bytes), (&None, &None));
    assert_eq!(b.password, None);
    assert_eq!(b.password_bytes.as_deref(), Some("bmV3"));
    assert_eq!(b.salt_bytes.as_deref(), Some("bmV3c2FsdA=="));
    // Only the plaintext is planned again: ProGet hashes it on every import.
    assert_eq!(
        plan(&result, &import, KEEP).lines(),
        ["update-user \"a\" password"]
    );
}

#[test]
fn a_hash_without_its_salt_is_taken_as_it_is_and_written_in_its_place() {
    // Found by the fuzz target `plan`: the key had no place in the user, so
    // the written file read back with another key order.
    let server = file(r#"{"users":[{"userName":"kim","groups":[]}]}"#);
    let import = file(r#"{"users":[{"userName":"kim","groups":[],"passwordBytes":"aGFzaA=="}]}"#);
    let result = after(&server, &import, KEEP);
    assert_eq!(result.users[0].password_bytes.as_deref(), Some("aGFzaA=="));
    assert_eq!(result.users[0].salt_bytes, None);
    let written = to_json(&result);
    assert_eq!(
        written,
        r#"{"users":[{"userName":"kim","passwordBytes":"aGFzaA==","groups":[]}]}"#
    );
    assert_eq!(file(&written), result);
}

#[test]
fn the_result_declares_every_group_the_server_holds() {
    // "Ops" is only named by a user on the server: the server holds it all
    // the same, and the import (which declares it) adds nothing.
    let server = file(r#"{"users":[{"userName":"a","groups":["Ops"]}],"groups":[]}"#);
    let import = file(r#"{"users":[{"userName":"a","groups":[]}],"groups":["Ops"]}"#);
    let p = plan(&server, &import, DELETE);
    assert!(p.groups_added.is_empty());
    let result = apply(&server, &import, &p);
    assert_eq!(result.groups, ["Ops"]);
    assert!(result.users[0].groups.is_empty());
    assert!(plan(&result, &import, DELETE).is_empty());
}

#[test]
fn users_are_matched_as_proget_matches_them() {
    // The import's second "JDOE" is the same account: the first entry wins,
    // as in the plan.
    let server = file(r#"{"users":[{"userName":"jDoe","displayName":"A"}]}"#);
    let import = file(
        r#"{"users":[{"userName":"JDOE","displayName":"B"},{"userName":"jdoe","displayName":"C"}]}"#,
    );
    let result = after(&server, &import, DELETE);
    assert_eq!(names(&result), ["JDOE"]);
    assert_eq!(result.users[0].display_name.as_deref(), Some("B"));
}

#[test]
fn a_plan_for_other_files_is_passed_over_where_it_does_not_fit() {
    let server = example();
    let import = file(r#"{"users":[{"userName":"kim"}]}"#);
    let foreign = ImportPlan {
        groups_added: vec!["G".into()],
        users_added: vec!["nobody".into(), "kim".into()],
        users_updated: vec![UserUpdate {
            user_name: "ghost".into(),
            password_changed: true,
            ..UserUpdate::default()
        }],
        users_removed: vec!["ghost".into(), "Admin".into()],
        groups_removed: vec!["nothing".into()],
    };
    let result = apply(&server, &import, &foreign);
    assert_eq!(names(&result), ["jDoe", "kim"]);
    assert_eq!(result.groups, ["Administrators", "Developers", "G"]);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn applying_a_plan_is_linear() {
    // 100,000 users, each updated: a scan per update would be 10^10 steps.
    use proget_users_core::sample;
    let server = file(&sample::directory(100_000));
    let text = sample::directory(100_000).replace("User Number", "Person");
    let import = file(&text);
    let p = plan(&server, &import, DELETE);
    assert_eq!(p.users_updated.len(), 100_000);
    let result = apply(&server, &import, &p);
    assert_eq!(result, import);
}
