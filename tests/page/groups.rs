//! The groups panel, and edits reporting their change or error.

use crate::util::{mount, settle, THREE_USERS};
use leptos::prelude::*;
use proget_users_core::{edit, UsersFile};
use proget_users_editor::groups_panel::GroupsPanel;
use proget_users_editor::state::{Refused, Status};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn apply_reports_the_change_or_the_error_and_marks_the_file_changed() {
    let m = mount(THREE_USERS, || view! { <GroupsPanel /> });
    settle().await;
    let (d, status) = (m.editor.document, m.editor.status);
    assert!(!d.unsaved_untracked());
    d.apply("Rename group", |f| {
        edit::rename_group(f, "Developers", "Devs")
    })
    .unwrap();
    assert_eq!(
        status.status_untracked(),
        Status::Info("Renamed group Developers to Devs (2 members)".into())
    );
    assert!(d.unsaved_untracked());
    let before: UsersFile = d.read_untracked(Clone::clone);
    assert!(matches!(
        d.apply("Add group", |f| edit::add_group(f, "Devs")),
        Err(Refused::Failed(_))
    ));
    assert_eq!(d.read_untracked(Clone::clone), before);
    assert_eq!(
        status.status_untracked(),
        Status::Error("Add group: a group \"Devs\" already exists".into())
    );
    settle().await;
    // "Testers" is named by mRoe but not declared: one click declares it.
    m.button("Add 1 missing group").click();
    settle().await;
    assert_eq!(
        d.read_untracked(|f| f.groups.clone()),
        ["Administrators", "Devs", "Testers"]
    );
    assert_eq!(m.texts(".groups-table td.num"), ["1", "2", "1"]);
}
