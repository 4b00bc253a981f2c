//! The Web Workers themselves: starting one (or taking an idle one) for a
//! run, the message that hands it a batch, and the workers kept, ready,
//! between runs.

use super::run::Shared;
use super::{Engine, Job, START_TIMEOUT_MS};
use gloo_timers::future::TimeoutFuture;
use js_sys::{Object, Reflect, Uint32Array, Uint8Array};
use proget_users_core::password::batch::Packed;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// One worker of a run.
pub(super) struct Slot {
    pub(super) worker: Worker,
    pub(super) ready: bool,
    pub(super) dead: bool,
    pub(super) busy: usize,
    pub(super) handlers: Option<Handlers>,
}

/// A worker's event handlers, kept alive while it works for a run.
pub(super) struct Handlers {
    pub(super) _message: Closure<dyn FnMut(MessageEvent)>,
    pub(super) _error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    /// Workers that finished a run, ready, with their script: the next run
    /// with that script starts on them without loading the wasm again.
    pub(super) static IDLE: RefCell<Vec<(String, Worker)>> = const { RefCell::new(Vec::new()) };
}

/// How many workers of `script` wait, ready, for the next run.
pub fn idle_workers(script: &str) -> usize {
    IDLE.with(|idle| idle.borrow().iter().filter(|(s, _)| s == script).count())
}

impl Shared {
    /// Adds one worker to the run: an idle one if there is, else a new one.
    pub(super) fn add_worker(shared: &Rc<Shared>) -> Result<(), JsValue> {
        let script = shared.run.borrow().options.script.clone();
        let idle = IDLE.with(|idle| {
            let mut idle = idle.borrow_mut();
            let at = idle.iter().position(|(s, _)| *s == script)?;
            Some(idle.swap_remove(at).1)
        });
        let ready = idle.is_some();
        let worker = match idle {
            Some(worker) => worker,
            None => Worker::new(&script)?,
        };
        let index = shared.run.borrow().slots.len();
        // The handlers hold the run (nothing else need: a caller may drop
        // its `HashRun`); the run lets go of them when it ends or the
        // worker dies, which breaks the cycle.
        let message = Closure::<dyn FnMut(MessageEvent)>::new({
            let shared = shared.clone();
            move |event: MessageEvent| Shared::on_message(&shared, index, &event.data())
        });
        let error = Closure::<dyn FnMut(web_sys::Event)>::new({
            let shared = shared.clone();
            move |event: web_sys::Event| {
                event.prevent_default();
                Shared::on_dead(&shared, index, "the hashing worker failed");
            }
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        shared.run.borrow_mut().slots.push(Slot {
            worker,
            ready,
            dead: false,
            busy: 0,
            handlers: Some(Handlers {
                _message: message,
                _error: error,
            }),
        });
        if !ready {
            let weak = Rc::downgrade(shared);
            wasm_bindgen_futures::spawn_local(async move {
                TimeoutFuture::new(START_TIMEOUT_MS).await;
                if let Some(shared) = weak.upgrade() {
                    let late = {
                        let run = shared.run.borrow();
                        run.running && !run.slots[index].ready && !run.slots[index].dead
                    };
                    if late {
                        Shared::on_dead(&shared, index, "the hashing worker did not start");
                    }
                }
            });
        }
        Ok(())
    }
}

/// Packs `jobs` and sends them, the buffer transferred (the page keeps no
/// copy of the packed plaintexts).
pub(super) fn post_batch(
    worker: &Worker,
    id: u32,
    engine: Engine,
    jobs: &[Job],
) -> Result<(), JsValue> {
    let packed = Packed::new(jobs.iter().map(|(_, p)| p.as_str()));
    let bytes = Uint8Array::from(packed.bytes());
    let ends = Uint32Array::from(packed.ends());
    drop(packed);
    let message = Object::new();
    set(&message, "type", &"hash".into());
    set(&message, "id", &id.into());
    set(&message, "engine", &engine.name().into());
    set(&message, "bytes", &bytes);
    set(&message, "ends", &ends);
    let sent = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&bytes.buffer()));
    if sent.is_err() {
        // Not transferred: wipe the page's copy.
        bytes.fill(0, 0, bytes.length());
    }
    sent
}

/// Makes a worker that is still starting an idle one when it says it is
/// ready (the only message it sends before it is given work).
pub(super) fn idle_when_ready(script: String, worker: Worker) {
    let ready = {
        let worker = worker.clone();
        Closure::once_into_js(move |_: MessageEvent| {
            worker.set_onmessage(None);
            IDLE.with(|idle| idle.borrow_mut().push((script, worker)));
        })
    };
    worker.set_onmessage(Some(ready.unchecked_ref()));
}

/// Drops event handlers after the current event: a handler must not be
/// freed while it runs.
pub(super) fn defer_drop(handlers: Option<Handlers>) {
    if let Some(handlers) = handlers {
        wasm_bindgen_futures::spawn_local(async move { drop(handlers) });
    }
}

pub(super) fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

pub(super) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
