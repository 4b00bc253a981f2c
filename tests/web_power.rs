//! Component tests of the editor's power tools in headless Chromium: the
//! undo and redo buttons and keys, a hashing run recorded as one step, the
//! CSV import preview, and the verify dialog. Run them with
//! `cargo test --target wasm32-unknown-unknown --test web_power`.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_core::password;
use proget_users_editor::csv_import::CsvImportDialog;
use proget_users_editor::dialog::Confirmations;
use proget_users_editor::hash_run::hash_plaintext_passwords;
use proget_users_editor::history_bar::{history_key, HistoryButtons, HistoryKey};
use proget_users_editor::state::Editor;
use proget_users_editor::verify_dialog::VerifyDialog;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const FILE: &str = r#"{
  "users": [
    {"userName": "Admin", "displayName": "Administrator", "passwordBytes": "6R53UEz8LiA/yIyaWf0HAbc9zQ4=", "saltBytes": "sBaGqDLnTykFGQ==", "groups": ["Administrators"]},
    {"userName": "jDoe", "displayName": "John Doe", "password": "one", "groups": ["Developers"]},
    {"userName": "mRoe", "password": "two", "groups": []}
  ],
  "groups": ["Administrators", "Developers"]
}"#;

struct Mounted {
    root: HtmlElement,
    editor: Editor,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn button_named(&self, prefix: &str) -> HtmlElement {
        let list = document()
            .body()
            .unwrap()
            .query_selector_all("button")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .find(|b| {
                b.get_attribute("aria-label")
                    .or_else(|| b.text_content())
                    .unwrap_or_default()
                    .trim()
                    .starts_with(prefix)
            })
            .unwrap_or_else(|| panic!("no button {prefix:?}"))
    }

    fn text(&self) -> String {
        document()
            .body()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Mounted {
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let handle = mount_to(root.clone(), move || {
        let editor = Editor::new();
        editor.open_text(Some("users.json".into()), FILE);
        provide_context(editor);
        provide_context(Confirmations::new());
        out.set(Some(editor));
        view()
    });
    Mounted {
        root,
        editor: slot.take().unwrap(),
        _handle: Box::new(handle),
    }
}

async fn settle() {
    TimeoutFuture::new(20).await;
}

/// A `keydown` of `key` (with Ctrl, and Shift if asked), as the browser sends it.
fn key_event(key: &str, ctrl: bool, shift: bool) -> web_sys::Event {
    let init = js_sys::Object::new();
    let set = |k: &str, v: wasm_bindgen::JsValue| {
        js_sys::Reflect::set(&init, &k.into(), &v).unwrap();
    };
    set("key", key.into());
    set("ctrlKey", ctrl.into());
    set("shiftKey", shift.into());
    set("bubbles", true.into());
    set("cancelable", true.into());
    let class: js_sys::Function = js_sys::Reflect::get(&window(), &"KeyboardEvent".into())
        .unwrap()
        .unchecked_into();
    js_sys::Reflect::construct(&class, &js_sys::Array::of2(&"keydown".into(), &init))
        .unwrap()
        .unchecked_into()
}

fn press(key: &str, ctrl: bool, shift: bool) {
    document()
        .body()
        .unwrap()
        .dispatch_event(&key_event(key, ctrl, shift))
        .unwrap();
}

#[wasm_bindgen_test]
fn keys_map_to_undo_and_redo() {
    assert_eq!(history_key("z", true, false, false), Some(HistoryKey::Undo));
    assert_eq!(history_key("Z", true, true, false), Some(HistoryKey::Redo));
    assert_eq!(history_key("y", true, false, false), Some(HistoryKey::Redo));
    assert_eq!(history_key("z", false, false, false), None);
    assert_eq!(history_key("z", true, false, true), None);
    assert_eq!(history_key("x", true, false, false), None);
}

#[wasm_bindgen_test]
async fn buttons_name_the_step_and_keys_undo_and_redo() {
    let m = mount(|| view! { <HistoryButtons /> });
    settle().await;
    assert_eq!(
        m.button_named("Undo")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Undo")
    );
    m.editor
        .apply("Rename group", |f| {
            edit::rename_group(f, "Developers", "Devs")
        })
        .unwrap();
    settle().await;
    let undo = m.button_named("Undo");
    assert_eq!(
        undo.get_attribute("aria-label").as_deref(),
        Some("Undo: renamed group Developers to Devs (1 member)")
    );
    undo.click();
    settle().await;
    assert_eq!(
        m.editor.file.get_untracked().groups,
        ["Administrators", "Developers"]
    );
    press("z", true, true);
    settle().await;
    assert_eq!(
        m.editor.file.get_untracked().groups,
        ["Administrators", "Devs"]
    );
    press("z", true, false);
    settle().await;
    assert_eq!(
        m.editor.file.get_untracked().groups,
        ["Administrators", "Developers"]
    );
    press("y", true, false);
    settle().await;
    assert_eq!(
        m.editor.file.get_untracked().groups,
        ["Administrators", "Devs"]
    );
    assert!(m.editor.dirty.get_untracked());
}

#[wasm_bindgen_test]
async fn keys_in_a_text_field_are_left_to_it() {
    let m = mount(|| view! { <HistoryButtons /> <input id="power-text" type="text" /> });
    m.editor
        .apply("Rename group", |f| {
            edit::rename_group(f, "Developers", "Devs")
        })
        .unwrap();
    settle().await;
    let input: HtmlInputElement = document()
        .get_element_by_id("power-text")
        .unwrap()
        .unchecked_into();
    input.dispatch_event(&key_event("z", true, false)).unwrap();
    settle().await;
    assert_eq!(
        m.editor.file.get_untracked().groups,
        ["Administrators", "Devs"]
    );
}

#[wasm_bindgen_test]
async fn a_hashing_run_is_one_undo_step() {
    let m = mount(|| view! { <HistoryButtons /> });
    hash_plaintext_passwords(m.editor);
    while m.editor.hashing.with_untracked(Option::is_some) {
        TimeoutFuture::new(10).await;
    }
    assert_eq!(m.editor.file.get_untracked().plaintext_count(), 0);
    assert_eq!(m.editor.history.with_untracked(|h| h.undo_len()), 1);
    assert_eq!(
        m.editor
            .history
            .with_untracked(|h| h.undo_label().map(str::to_owned)),
        Some("hashed 2 plaintext passwords".to_owned())
    );
    m.editor.undo();
    let file = m.editor.file.get_untracked();
    assert_eq!(file.plaintext_count(), 2);
    assert_eq!(file.users[1].password.as_deref(), Some("one"));
    m.editor.redo();
    let file = m.editor.file.get_untracked();
    assert!(password::verify("one", &file.users[1]));
    assert!(password::verify("two", &file.users[2]));
}

#[wasm_bindgen_test]
async fn csv_preview_lists_bad_rows_and_waits_for_the_choice_to_skip() {
    let m = mount(|| view! { <CsvImportDialog on_close=Callback::new(|()| {}) /> });
    settle().await;
    let area: HtmlTextAreaElement = document()
        .get_element_by_id("csv-text")
        .unwrap()
        .unchecked_into();
    area.set_value("Name,DisplayName,Email,Password\nnew1,New One,,pw1\n,Nobody,,\n");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    m.button_named("Preview pasted CSV").click();
    settle().await;
    let text = m.text();
    assert!(text.contains("Line 3"), "{text}");
    assert!(text.contains("the name is empty"), "{text}");
    let apply = m.button_named("Apply");
    assert!(apply.has_attribute("disabled"));
    let skip: HtmlInputElement = document()
        .query_selector(".bad-rows input[type=checkbox]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    skip.click();
    settle().await;
    assert!(!m.button_named("Apply").has_attribute("disabled"));
    m.button_named("Apply").click();
    while m.editor.file.with_untracked(|f| f.users.len()) < 4 {
        TimeoutFuture::new(10).await;
    }
    let file = m.editor.file.get_untracked();
    assert!(password::verify("pw1", &file.users[3]));
    assert!(file.users[3].password.is_none());
    assert_eq!(m.editor.history.with_untracked(|h| h.undo_len()), 1);
}

#[wasm_bindgen_test]
async fn verify_tells_match_from_no_match() {
    let m = mount(|| view! { <VerifyDialog on_close=Callback::new(|()| {}) /> });
    settle().await;
    let field: HtmlInputElement = document()
        .get_element_by_id("verify-password")
        .unwrap()
        .unchecked_into();
    field.set_value("Admin");
    m.button_named("Check").click();
    settle().await;
    assert!(m.text().contains("✓ Match"), "{}", m.text());
    assert_eq!(field.value(), "");
    field.set_value("wrong");
    m.button_named("Check").click();
    settle().await;
    assert!(m.text().contains("✗ No match"), "{}", m.text());
}
