//! The harness every component test shares: mount a component with an
//! editor that opened a known file, let the page catch up, and look at the
//! DOM as a user would.

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use proget_users_editor::dialog::Confirmations;
use proget_users_editor::hash_banner::hash_plaintext_passwords;
use proget_users_editor::state::Editor;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Three users: Admin hashed, jDoe with a plaintext password, mRoe with
/// none; mRoe names a group the file does not declare.
pub const THREE_USERS: &str = include_str!("../fixtures/three-users.json");

/// Admin with ProGet's hash of "Admin"; jDoe (in Developers) and mRoe
/// with the plaintext passwords "one" and "two".
pub const TWO_PLAINTEXT: &str = include_str!("../fixtures/two-plaintext.json");

/// A mounted component and the editor it shows. Dropping it unmounts.
pub struct Mounted {
    pub root: HtmlElement,
    pub editor: Editor,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    pub fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
            .collect()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// The button whose accessible name (`aria-label`, else its text)
    /// starts with `prefix`.
    pub fn button(&self, prefix: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| {
                b.get_attribute("aria-label")
                    .or_else(|| b.text_content())
                    .unwrap_or_default()
                    .trim()
                    .starts_with(prefix)
            })
            .unwrap_or_else(|| panic!("no button {prefix:?}"))
            .unchecked_into()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts `view` in a fresh container, with an editor that opened `json`
/// as `users.json`, and the page's styles.
pub fn mount<V: IntoView + 'static>(json: &str, view: impl FnOnce() -> V + 'static) -> Mounted {
    let doc = document();
    if doc.get_element_by_id("editor-style").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("editor-style");
        style.set_text_content(Some(concat!(
            include_str!("../../style/main.css"),
            include_str!("../../style/tools.css")
        )));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    // The page gives the editor a fixed height; the table scrolls inside it.
    root.set_attribute(
        "style",
        "height: 600px; display: flex; flex-direction: column",
    )
    .unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let json = json.to_owned();
    let handle = mount_to(root.clone(), move || {
        let editor = Editor::new();
        editor.open_text(Some("users.json".into()), &json);
        provide_context(Confirmations::new());
        out.set(Some(editor));
        view()
    });
    Mounted {
        root,
        editor: slot.get().expect("the editor was created"),
        _handle: Box::new(handle),
    }
}

/// Lets effects, rendering and the views computed off the interaction
/// path catch up.
pub async fn settle() {
    for _ in 0..4 {
        TimeoutFuture::new(0).await;
    }
    TimeoutFuture::new(10).await;
}

/// Starts hashing the plaintext passwords of the mounted editor's file, as
/// the banner's button does; see [`until_hashed`].
pub fn start_hashing(m: &Mounted) {
    let e = m.editor;
    hash_plaintext_passwords(e.document, e.job, e.status);
}

/// Waits while passwords are being hashed.
pub async fn until_hashed(m: &Mounted) {
    while m.editor.job.busy_untracked() {
        TimeoutFuture::new(5).await;
    }
    settle().await;
}

/// Types `text` into an input or text area, as one `input` event.
pub fn type_into(input: &Element, text: &str) {
    if let Some(area) = input.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    } else {
        input.unchecked_ref::<HtmlInputElement>().set_value(text);
    }
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

/// A `keydown` of `key` (with Ctrl, and Shift if asked), as the browser sends it.
pub fn key_event(key: &str, ctrl: bool, shift: bool) -> web_sys::Event {
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

/// Presses a key on the page (not in a field).
pub fn press(key: &str, ctrl: bool, shift: bool) {
    document()
        .body()
        .unwrap()
        .dispatch_event(&key_event(key, ctrl, shift))
        .unwrap();
}

/// Whether leaving the page now would ask first (the page cancels a
/// `beforeunload` event).
pub fn leaving_would_ask() -> bool {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
    let class: js_sys::Function = js_sys::Reflect::get(&window(), &"Event".into())
        .unwrap()
        .unchecked_into();
    let event: web_sys::Event =
        js_sys::Reflect::construct(&class, &js_sys::Array::of2(&"beforeunload".into(), &init))
            .unwrap()
            .unchecked_into();
    window().dispatch_event(&event).unwrap();
    event.default_prevented()
}

/// A file of `n` users named `u0`, `u1`, … with plaintext passwords
/// `pw0`, `pw1`, …
pub fn plaintext_users(n: usize) -> String {
    let users: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"userName":"u{i}","password":"pw{i}"}}"#))
        .collect();
    format!(r#"{{"users":[{}],"groups":[]}}"#, users.join(","))
}
