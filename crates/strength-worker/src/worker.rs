//! The worker's side of the protocol (see `lib.rs`).

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use proget_users_core::strength::Weakness;
use proget_users_strength_worker::{score, OwnerDetails};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zeroize::Zeroizing;

/// Installs the message handler, then says it is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&event.data());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&message("ready"));
}

/// One request from the page.
fn handle(data: &JsValue) {
    if get(data, "type").as_string().as_deref() != Some("score") {
        return;
    }
    let reply = match verdicts(data) {
        Ok(verdicts) => {
            let reply = message("scored");
            set(&reply, "verdicts", &verdicts);
            reply
        }
        Err(e) => {
            let reply = message("failed");
            set(&reply, "message", &e.into());
            reply
        }
    };
    set(&reply, "id", &get(data, "id"));
    post(&reply);
}

/// The request's verdicts as JS values; the passwords are wiped before it
/// returns, whatever happens.
fn verdicts(data: &JsValue) -> Result<Array, String> {
    let bytes: Uint8Array = get(data, "bytes")
        .dyn_into()
        .map_err(|_| "the request has no bytes".to_owned())?;
    let copy = Zeroizing::new(bytes.to_vec());
    bytes.fill(0, 0, bytes.length());
    let ends: Uint32Array = get(data, "ends")
        .dyn_into()
        .map_err(|_| "the request has no ends".to_owned())?;
    let owners: Array = get(data, "owners")
        .dyn_into()
        .map_err(|_| "the request has no owners".to_owned())?;
    let owners: Vec<OwnerDetails> = owners.iter().map(|o| owner(&o)).collect();
    let verdicts = score(&copy, &ends.to_vec(), &owners).map_err(|e| e.to_string())?;
    Ok(verdicts
        .iter()
        .map(|v| v.as_ref().map_or(JsValue::NULL, |w| weakness(w).into()))
        .collect())
}

/// `[userName, displayName or null, email or null]`.
fn owner(value: &JsValue) -> OwnerDetails {
    let part = |i: u32| Reflect::get_u32(value, i).ok().and_then(|v| v.as_string());
    OwnerDetails {
        user_name: part(0).unwrap_or_default(),
        display_name: part(1),
        email_address: part(2),
    }
}

/// `{summary, warning, suggestions}`.
fn weakness(weakness: &Weakness) -> Object {
    let object = Object::new();
    set(&object, "summary", &weakness.to_string().into());
    let warning = weakness
        .warning
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from);
    set(&object, "warning", &warning);
    let suggestions: Array = weakness
        .suggestions
        .iter()
        .map(|s| JsValue::from(s.as_str()))
        .collect();
    set(&object, "suggestions", &suggestions);
    object
}

fn message(kind: &str) -> Object {
    let object = Object::new();
    set(&object, "type", &kind.into());
    object
}

fn post(message: &Object) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Err(e) = scope.post_message(message) {
        let console = get(&js_sys::global(), "console");
        if let Ok(error) = get(&console, "error").dyn_into::<js_sys::Function>() {
            let text = format!("strength worker: could not answer: {e:?}");
            let _ = error.call1(&console, &text.into());
        }
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
