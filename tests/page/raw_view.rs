//! A text that did not parse: its diagnostics, fixing it in place, and
//! fixes counting as unsaved work.

use crate::util::{leaving_would_ask, mount, settle, type_into};
use leptos::prelude::*;
use proget_users_editor::app::Shell;
use proget_users_editor::raw_view::RawView;
use proget_users_editor::state::Screen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const BROKEN: &str = "{\n  \"users\": [\n    {\"userName\": \"a\" \"groups\": []}\n  ]\n}";

#[wasm_bindgen_test]
async fn a_parse_error_shows_its_line_and_column_and_keeps_the_text() {
    let m = mount(BROKEN, || view! { <RawView /> });
    settle().await;
    assert_eq!(m.editor.navigation.screen_untracked(), Screen::Raw);
    assert!(m.text().contains("Line 3, column 22"), "{}", m.text());
    let area: web_sys::HtmlTextAreaElement = m.one("textarea").unchecked_into();
    assert_eq!(area.value(), BROKEN);
    // The caret sits on the problem: line 3, column 22 is the quote of "groups".
    let start = area.selection_start().unwrap().unwrap() as usize;
    assert_eq!(&BROKEN[start..start + 8], "\"groups\"");

    // Fixed in place, the text opens.
    area.set_value(&BROKEN.replace("\"a\" \"groups\"", "\"a\", \"groups\""));
    m.button("Open again").click();
    settle().await;
    assert_eq!(m.editor.navigation.screen_untracked(), Screen::Editor);
    assert_eq!(
        m.editor
            .document
            .read_untracked(|f| f.users[0].user_name.clone()),
        "a"
    );
}

#[wasm_bindgen_test]
async fn every_diagnostic_of_a_badly_shaped_file_is_listed() {
    let json = "{\n  \"users\": [\n    {\"userName\": 1},\n    {\"userName\": \"b\", \"groups\": \"x\"}\n  ]\n}";
    let m = mount(json, || view! { <RawView /> });
    settle().await;
    let items = m.texts("li.diagnostic");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].contains("Line 3") && items[0].contains("$.users[0].userName"));
    assert!(items[1].contains("Line 4") && items[1].contains("$.users[1].groups"));
}

#[wasm_bindgen_test]
async fn fixes_typed_into_the_raw_view_are_unsaved_work() {
    let m = mount(BROKEN, || view! { <Shell /> });
    settle().await;
    assert!(!leaving_would_ask(), "nothing typed yet");
    let fixed = BROKEN.replace("\"a\" \"groups\"", "\"a\", \"groups\"");
    type_into(&m.one("#raw-text"), &fixed);
    settle().await;
    assert!(leaving_would_ask(), "leaving would lose the fixes");

    // Opened again, the fixed text is not the file on disk: still unsaved.
    m.button("Open again").click();
    settle().await;
    assert_eq!(m.editor.navigation.screen_untracked(), Screen::Editor);
    assert!(m.editor.document.unsaved_untracked());
    assert!(leaving_would_ask());
    assert!(m.text().contains("Not downloaded"));
}

#[wasm_bindgen_test]
async fn a_broken_text_opened_again_unchanged_is_not_unsaved_work() {
    let m = mount(BROKEN, || view! { <Shell /> });
    settle().await;
    type_into(&m.one("#raw-text"), "{\"x\": 1}");
    type_into(&m.one("#raw-text"), BROKEN);
    settle().await;
    assert!(!leaving_would_ask(), "the text is back as it was given");
}
