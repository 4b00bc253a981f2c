//! The worker's side of the protocol (see `main.rs`).

use js_sys::{Object, Reflect, Uint32Array, Uint8Array};
use proget_users_core::password::{self, batch, KEY_LEN};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zeroize::{Zeroize, Zeroizing};

/// Installs the message handler, then says it is ready.
pub fn start() {
    // A panic leaves the module unusable, and inside a message's future it
    // would only reject a promise here: tell the page, which hands this
    // worker's batches to the others.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let died = message("died");
        set(&died, "message", &info.to_string().into());
        post(&died, None);
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        wasm_bindgen_futures::spawn_local(handle(event.data()));
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    let ready = message("ready");
    set(&ready, "simd", &cfg!(target_feature = "simd128").into());
    post(&ready, None);
}

/// One request from the page.
async fn handle(data: JsValue) {
    if get(&data, "type").as_string().as_deref() != Some("hash") {
        return;
    }
    let id = get(&data, "id");
    let engine = get(&data, "engine").as_string().unwrap_or_default();
    let answer = match hash(&data, &engine).await {
        Ok(records) => {
            let reply = message("hashed");
            let records = Uint8Array::from(records.as_slice());
            set(&reply, "records", &records);
            post_with(reply, &id, Some(records.buffer().into()));
            return;
        }
        Err(e) => e,
    };
    let reply = message("failed");
    set(&reply, "message", &answer.into());
    post_with(reply, &id, None);
}

/// The answer's records for one request; the plaintexts are wiped before
/// it returns, whatever happens.
async fn hash(data: &JsValue, engine: &str) -> Result<Vec<u8>, String> {
    let bytes: Uint8Array = get(data, "bytes")
        .dyn_into()
        .map_err(|_| "the batch has no bytes".to_owned())?;
    let ends: Uint32Array = get(data, "ends")
        .dyn_into()
        .map_err(|_| "the batch has no ends".to_owned())?;
    let copy = Zeroizing::new(bytes.to_vec());
    bytes.fill(0, 0, bytes.length());
    let ends = ends.to_vec();
    match engine {
        "scalar" => batch::hash_packed_with(&copy, &ends, |jobs| {
            jobs.iter()
                .map(|(p, s)| password::scalar::derive(p, s))
                .collect()
        })
        .map_err(|e| e.to_string()),
        "webcrypto" => webcrypto(&copy, &ends).await,
        _ => batch::hash_packed(&copy, &ends).map_err(|e| e.to_string()),
    }
}

/// The batch through the browser's own PBKDF2, every request in flight.
async fn webcrypto(bytes: &[u8], ends: &[u32]) -> Result<Vec<u8>, String> {
    let fail = |e: JsValue| format!("WebCrypto failed: {e:?}");
    let passwords = batch::split(bytes, ends).map_err(|e| e.to_string())?;
    let salts = batch::fresh_salts(passwords.len()).map_err(|e| e.to_string())?;
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let subtle = scope.crypto().map_err(fail)?.subtle();
    let usages = js_sys::Array::of1(&"deriveBits".into());
    // Every key import in flight, then every derivation as its key arrives.
    let mut imports = Vec::with_capacity(passwords.len());
    for password in &passwords {
        let raw = Uint8Array::from(*password);
        let import = subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages);
        // The browser copied the key; wipe ours at once.
        raw.fill(0, 0, raw.length());
        imports.push(JsFuture::from(import.map_err(fail)?));
    }
    let mut pending = Vec::with_capacity(passwords.len());
    for (import, salt) in imports.into_iter().zip(&salts) {
        let key: web_sys::CryptoKey = import.await.map_err(fail)?.unchecked_into();
        let params = web_sys::Pbkdf2Params::new(
            "PBKDF2",
            &"SHA-1".into(),
            password::ITERATIONS,
            &Uint8Array::from(salt.as_slice()),
        );
        let bits = subtle
            .derive_bits_with_object(&params, &key, (KEY_LEN * 8) as u32)
            .map_err(fail)?;
        pending.push(JsFuture::from(bits));
    }
    let mut keys = Vec::with_capacity(pending.len());
    for bits in pending {
        let buffer = bits.await.map_err(fail)?;
        let mut key = [0u8; KEY_LEN];
        Uint8Array::new(&buffer).copy_to(&mut key);
        keys.push(key);
    }
    let records = batch::records(&keys, &salts);
    keys.zeroize();
    Ok(records)
}

fn message(kind: &str) -> Object {
    let object = Object::new();
    set(&object, "type", &kind.into());
    object
}

fn post_with(reply: Object, id: &JsValue, transfer: Option<JsValue>) {
    set(&reply, "id", id);
    post(&reply, transfer);
}

fn post(message: &Object, transfer: Option<JsValue>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let sent = match transfer {
        Some(buffer) => scope.post_message_with_transfer(message, &js_sys::Array::of1(&buffer)),
        None => scope.post_message(message),
    };
    if let Err(e) = sent {
        web_sys_log(&format!("hashing worker: could not answer: {e:?}"));
    }
}

fn web_sys_log(text: &str) {
    let console = get(&js_sys::global(), "console");
    if let Ok(log) = get(&console, "error").dyn_into::<js_sys::Function>() {
        let _ = log.call1(&console, &text.into());
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
