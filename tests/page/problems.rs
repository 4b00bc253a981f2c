//! The problems list and the download button's error count.

use crate::util::{mount, settle};
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_editor::download::DownloadPanel;
use proget_users_editor::problems::Problems;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn the_download_button_counts_errors_and_a_problem_leads_to_its_user() {
    let json = r#"{"users":[{"userName":"a"},{"userName":"b"},{"userName":"a"}],"groups":[]}"#;
    let m = mount(json, || view! { <DownloadPanel /> <Problems /> });
    settle().await;
    assert_eq!(
        m.texts(".download-actions .button.primary"),
        ["Download (1 error)"]
    );
    // One line per message: three users without a password make one line.
    let lines = m.texts(".problem-list li");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains("the user has no password") && lines[1].contains("3 users: a, b, a"));
    let problem = m
        .all("button.problem")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains("used twice"))
        .expect("the duplicate name is listed");
    problem.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(
        m.editor
            .table
            .selection()
            .get_untracked()
            .into_iter()
            .collect::<Vec<_>>(),
        [2]
    );
    m.editor
        .document
        .apply("rename", |f| {
            f.users[2].user_name = "c".into();
            Ok::<_, edit::EditError>(edit::Change::UserRenamed {
                from: "a".into(),
                to: "c".into(),
            })
        })
        .unwrap();
    settle().await;
    assert_eq!(m.texts(".download-actions .button.primary"), ["Download"]);
}
