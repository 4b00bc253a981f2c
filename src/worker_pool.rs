//! Hashing on every core: a pool of Web Workers (one per
//! `navigator.hardwareConcurrency`, at least one), each running the core's
//! PBKDF2 compiled to wasm (`crates/worker`), four passwords per SIMD
//! instruction. The main thread only hands out batches and passes the
//! answers on, so it stays free for the page.
//!
//! ```no_run
//! use proget_users_editor::worker_pool::{start, Options};
//! let jobs = vec![(0, "first password".to_owned()), (7, "second".to_owned())];
//! let run = start(
//!     jobs,
//!     Options::default(),
//!     |hashes, progress| { /* apply `hashes` (index, hash); show progress.done of progress.total */ },
//!     |ended, progress| { /* Done, Cancelled or Failed */ },
//! );
//! // A Cancel button: stops at once (the workers are terminated).
//! run.cancel();
//! ```
//!
//! What it promises:
//!
//! - **Results as they come**, in batches, each with the [`Progress`]; the
//!   end once, through `on_end`, with the reason ([`Ended`]).
//! - **Cancel stops at once**: [`HashRun::cancel`] terminates the workers
//!   (their CPU stops), drops the rest and calls `on_end(Cancelled)` before
//!   it returns; nothing is delivered after it.
//! - **Plaintext is wiped**: each password is copied once into a packed
//!   buffer that is *transferred* to a worker (so the page keeps no copy
//!   of it), which wipes it after use; the page's `String`s are wiped as
//!   soon as their batch is answered (kept until then, so that the batch
//!   of a worker that dies can be hashed elsewhere), or at cancel.
//! - **The wasm starts asynchronously**: a worker is sent work only after
//!   it said it is ready (messages sent before that would be lost). The
//!   worker's wasm is fetched when the first run starts, never with the
//!   page; after a run that ended normally its workers (those still
//!   starting too, once ready) wait for the next.
//! - **SIMD lanes full**: batches of [`BATCH`] passwords (a multiple of
//!   four), [`IN_FLIGHT`] per worker so none waits for the page.
//! - **Fallback**: where Workers are missing, cannot start (blocked, the
//!   script is missing, or not ready within [`START_TIMEOUT_MS`]) or all
//!   die, the rest is hashed on the page's own thread in slices of about
//!   [`SLICE_MS`] with the browser back in control between them.
//!
//! One run at a time: the caller (the page's hashing driver) starts the
//! next run after the previous one ended.

use foldhash::{HashMap, HashMapExt};
use gloo_timers::future::TimeoutFuture;
use js_sys::{Object, Reflect, Uint32Array, Uint8Array};
use proget_users_core::password::batch::{self, Packed};
use proget_users_core::password::{self, PasswordHash};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use zeroize::Zeroize;

/// The worker's script, next to `index.html` (Trunk's loader shim).
pub const WORKER_SCRIPT: &str = "./worker_loader.js";
/// Passwords per message: two groups of four SIMD lanes (about 10 ms of
/// work), so one answer is small and Cancel never waits long.
pub const BATCH: usize = 8;
/// Batches a worker holds at once: one it hashes, one it has next.
pub const IN_FLIGHT: usize = 2;
/// How long a worker may take to say it is ready before the run counts it
/// as failed (and, when none started, hashes on the page instead).
pub const START_TIMEOUT_MS: u32 = 10_000;
/// How long one slice of the page's own hashing (the fallback) may hold
/// the browser, in milliseconds.
pub const SLICE_MS: f64 = 30.0;

/// One password to hash: the caller's index (handed back with its hash)
/// and the plaintext (wiped by the pool).
pub type Job = (usize, String);

/// How the workers compute PBKDF2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// The core's wasm, four passwords per SIMD instruction (the fastest,
    /// measured by `scripts/bench-hash`).
    #[default]
    Simd,
    /// The core's wasm, one password at a time.
    Scalar,
    /// The browser's WebCrypto `deriveBits`, every request in flight.
    WebCrypto,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Simd => "simd",
            Engine::Scalar => "scalar",
            Engine::WebCrypto => "webcrypto",
        }
    }
}

/// How a run hashes.
#[derive(Clone, Debug)]
pub struct Options {
    /// How many workers; `None` for one per `navigator.hardwareConcurrency`.
    pub workers: Option<usize>,
    /// How the workers compute PBKDF2.
    pub engine: Engine,
    /// Passwords per message.
    pub batch: usize,
    /// The worker's script URL.
    pub script: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            workers: None,
            engine: Engine::default(),
            batch: BATCH,
            script: WORKER_SCRIPT.to_owned(),
        }
    }
}

/// How far a run is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Passwords hashed and delivered.
    pub done: usize,
    /// Passwords in the run.
    pub total: usize,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    /// Every password was hashed and delivered.
    Done,
    /// [`HashRun::cancel`] stopped it.
    Cancelled,
    /// A worker could not hash (no random bytes for a salt, a bad batch).
    Failed(String),
}

/// Where a run is hashing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hashing {
    /// In this many Web Workers (some may still be starting).
    InWorkers(usize),
    /// On the page's own thread, in slices.
    OnPage,
}

type OnHashed = Box<dyn FnMut(Vec<(usize, PasswordHash)>, Progress)>;
type OnEnd = Box<dyn FnOnce(Ended, Progress)>;

/// A run that is going (or has ended): cancel it, or ask how far it is.
#[derive(Clone)]
pub struct HashRun {
    shared: Rc<Shared>,
}

impl HashRun {
    /// Stops the run at once: terminates its workers, wipes the passwords
    /// not yet hashed and calls `on_end(Cancelled)` before it returns. Does
    /// nothing when the run has ended.
    pub fn cancel(&self) {
        Shared::end(&self.shared, Ended::Cancelled);
    }

    /// How far the run is.
    pub fn progress(&self) -> Progress {
        self.shared.run.borrow().progress()
    }

    /// Whether the run is still going.
    pub fn is_running(&self) -> bool {
        self.shared.run.borrow().running
    }

    /// Where the run is hashing.
    pub fn hashing(&self) -> Hashing {
        let run = self.shared.run.borrow();
        if run.on_page {
            Hashing::OnPage
        } else {
            Hashing::InWorkers(run.live_workers())
        }
    }
}

/// Starts hashing `jobs` (each with a fresh salt). `on_hashed` gets the
/// hashes of each batch as it is answered, with their indices and the
/// progress; `on_end` is called once, when the run ends for any reason.
/// An empty run ends (`Done`) before `start` returns.
pub fn start(
    jobs: Vec<Job>,
    options: Options,
    on_hashed: impl FnMut(Vec<(usize, PasswordHash)>, Progress) + 'static,
    on_end: impl FnOnce(Ended, Progress) + 'static,
) -> HashRun {
    let workers = options
        .workers
        .unwrap_or_else(hardware_concurrency)
        .clamp(1, 64);
    let shared = Rc::new(Shared {
        run: RefCell::new(Run {
            total: jobs.len(),
            done: 0,
            queue: jobs.into(),
            in_flight: HashMap::new(),
            next_id: 0,
            slots: Vec::new(),
            options,
            running: true,
            on_page: false,
            live_at_end: 0,
        }),
        on_hashed: RefCell::new(Some(Box::new(on_hashed))),
        on_end: RefCell::new(Some(Box::new(on_end))),
    });
    let run = HashRun {
        shared: shared.clone(),
    };
    if shared.run.borrow().queue.is_empty() {
        Shared::end(&shared, Ended::Done);
        return run;
    }
    if !workers_available() {
        Shared::hash_on_page(&shared);
        return run;
    }
    for _ in 0..workers {
        if let Err(e) = Shared::add_worker(&shared) {
            log(&format!("hashing worker could not start: {e:?}"));
            break;
        }
    }
    if shared.run.borrow().slots.is_empty() {
        Shared::hash_on_page(&shared);
    } else {
        Shared::pump(&shared);
    }
    run
}

/// One worker of a run.
struct Slot {
    worker: Worker,
    ready: bool,
    dead: bool,
    busy: usize,
    handlers: Option<Handlers>,
}

/// A worker's event handlers, kept alive while it works for a run.
struct Handlers {
    _message: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A batch a worker holds: its slot, and the jobs (kept to hash elsewhere
/// if the worker dies; wiped when answered).
struct Batch {
    slot: usize,
    jobs: Vec<Job>,
}

struct Run {
    total: usize,
    done: usize,
    queue: VecDeque<Job>,
    in_flight: HashMap<u32, Batch>,
    next_id: u32,
    slots: Vec<Slot>,
    options: Options,
    running: bool,
    on_page: bool,
    /// The live workers when the run ended (it lets go of its slots then).
    live_at_end: usize,
}

impl Run {
    /// Workers of the run that have not died (at its end, once ended).
    fn live_workers(&self) -> usize {
        if self.running {
            self.slots.iter().filter(|s| !s.dead).count()
        } else {
            self.live_at_end
        }
    }

    fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.total,
        }
    }

    /// Wipes every plaintext the run still holds.
    fn wipe(&mut self) {
        for (_, mut password) in self.queue.drain(..) {
            password.zeroize();
        }
        for (_, batch) in self.in_flight.drain() {
            for (_, mut password) in batch.jobs {
                password.zeroize();
            }
        }
    }
}

struct Shared {
    run: RefCell<Run>,
    on_hashed: RefCell<Option<OnHashed>>,
    on_end: RefCell<Option<OnEnd>>,
}

thread_local! {
    /// Workers that finished a run, ready, with their script: the next run
    /// with that script starts on them without loading the wasm again.
    static IDLE: RefCell<Vec<(String, Worker)>> = const { RefCell::new(Vec::new()) };
}

/// How many workers of `script` wait, ready, for the next run.
pub fn idle_workers(script: &str) -> usize {
    IDLE.with(|idle| idle.borrow().iter().filter(|(s, _)| s == script).count())
}

impl Shared {
    /// Adds one worker to the run: an idle one if there is, else a new one.
    fn add_worker(shared: &Rc<Shared>) -> Result<(), JsValue> {
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

    fn on_message(shared: &Rc<Shared>, index: usize, data: &JsValue) {
        if !shared.run.borrow().running {
            return;
        }
        match get(data, "type").as_string().as_deref() {
            Some("ready") => {
                shared.run.borrow_mut().slots[index].ready = true;
                Shared::pump(shared);
            }
            Some("hashed") => Shared::on_answer(shared, index, data),
            Some("died") => Shared::on_dead(shared, index, "the hashing worker panicked"),
            Some("failed") => {
                let message = get(data, "message")
                    .as_string()
                    .unwrap_or_else(|| "the hashing worker failed".to_owned());
                Shared::end(shared, Ended::Failed(message));
            }
            _ => {}
        }
    }

    /// A batch's records: deliver them, then hand out more work.
    fn on_answer(shared: &Rc<Shared>, index: usize, data: &JsValue) {
        let id = get(data, "id").as_f64().map(|id| id as u32);
        let batch = {
            let mut run = shared.run.borrow_mut();
            let Some(batch) = id.and_then(|id| run.in_flight.remove(&id)) else {
                return;
            };
            run.slots[index].busy -= 1;
            batch
        };
        let records = get(data, "records")
            .dyn_into::<Uint8Array>()
            .map(|r| r.to_vec())
            .unwrap_or_default();
        let hashes = batch::unpack(&records, batch.jobs.len());
        let mut indices = Vec::with_capacity(batch.jobs.len());
        for (i, mut password) in batch.jobs {
            password.zeroize();
            indices.push(i);
        }
        match hashes {
            Ok(hashes) => {
                Shared::pump(shared);
                Shared::deliver(shared, indices.into_iter().zip(hashes).collect());
            }
            Err(e) => Shared::end(shared, Ended::Failed(e.to_string())),
        }
    }

    /// A worker died or never started: its batches go back to the queue;
    /// when no worker is left, the page hashes the rest itself.
    fn on_dead(shared: &Rc<Shared>, index: usize, why: &str) {
        let all_dead = {
            let mut run = shared.run.borrow_mut();
            if !run.running || run.slots[index].dead {
                return;
            }
            log(why);
            let slot = &mut run.slots[index];
            slot.dead = true;
            slot.busy = 0;
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            slot.worker.terminate();
            let lost: Vec<u32> = run
                .in_flight
                .iter()
                .filter(|(_, b)| b.slot == index)
                .map(|(id, _)| *id)
                .collect();
            for id in lost {
                let batch = run.in_flight.remove(&id).expect("listed above");
                for job in batch.jobs.into_iter().rev() {
                    run.queue.push_front(job);
                }
            }
            run.slots.iter().all(|s| s.dead)
        };
        let dead = shared.run.borrow_mut().slots[index].handlers.take();
        defer_drop(dead);
        if all_dead {
            Shared::hash_on_page(shared);
        } else {
            Shared::pump(shared);
        }
    }

    /// Hands batches to every ready worker that has room.
    fn pump(shared: &Rc<Shared>) {
        let mut run = shared.run.borrow_mut();
        if !run.running || run.on_page {
            return;
        }
        let live = run
            .slots
            .iter()
            .filter(|s| s.ready && !s.dead)
            .count()
            .max(1);
        for index in 0..run.slots.len() {
            while run.slots[index].ready
                && !run.slots[index].dead
                && run.slots[index].busy < IN_FLIGHT
                && !run.queue.is_empty()
            {
                // Near the end, share what is left between the workers,
                // still in whole groups of four lanes.
                let size = run
                    .options
                    .batch
                    .min(run.queue.len().div_ceil(live).next_multiple_of(4))
                    .clamp(1, run.queue.len());
                let jobs: Vec<Job> = run.queue.drain(..size).collect();
                let id = run.next_id;
                run.next_id = run.next_id.wrapping_add(1);
                let sent = post_batch(&run.slots[index].worker, id, run.options.engine, &jobs);
                match sent {
                    Ok(()) => {
                        run.slots[index].busy += 1;
                        run.in_flight.insert(id, Batch { slot: index, jobs });
                    }
                    Err(e) => {
                        for job in jobs.into_iter().rev() {
                            run.queue.push_front(job);
                        }
                        drop(run);
                        log(&format!("could not send a batch: {e:?}"));
                        Shared::on_dead(shared, index, "the hashing worker took no work");
                        return;
                    }
                }
            }
        }
    }

    /// Passes hashes on; ends the run when the last arrived.
    fn deliver(shared: &Rc<Shared>, hashes: Vec<(usize, PasswordHash)>) {
        let (progress, finished) = {
            let mut run = shared.run.borrow_mut();
            if !run.running {
                return;
            }
            run.done += hashes.len();
            (
                run.progress(),
                run.queue.is_empty() && run.in_flight.is_empty(),
            )
        };
        // Taken out first: it may cancel the run, so no borrow is held
        // while it runs (an `if let` would hold this one to its end).
        let on_hashed = shared.on_hashed.borrow_mut().take();
        if let Some(mut on_hashed) = on_hashed {
            on_hashed(hashes, progress);
            if shared.run.borrow().running {
                *shared.on_hashed.borrow_mut() = Some(on_hashed);
            }
        }
        if finished {
            Shared::end(shared, Ended::Done);
        }
    }

    /// Ends the run (once): workers of a finished run wait for the next
    /// one; otherwise they are terminated. Wipes what is left.
    fn end(shared: &Rc<Shared>, ended: Ended) {
        let (progress, slots, script) = {
            let mut run = shared.run.borrow_mut();
            if !run.running {
                return;
            }
            run.live_at_end = run.live_workers();
            run.running = false;
            run.wipe();
            let script = run.options.script.clone();
            (run.progress(), std::mem::take(&mut run.slots), script)
        };
        for mut slot in slots {
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            if ended == Ended::Done && slot.ready && !slot.dead {
                IDLE.with(|idle| {
                    idle.borrow_mut()
                        .push((script.clone(), slot.worker.clone()))
                });
            } else if ended == Ended::Done && !slot.dead {
                // Still starting: terminating it would abort its loading
                // for nothing; it waits for the next run once it is ready.
                idle_when_ready(script.clone(), slot.worker.clone());
            } else if !slot.dead {
                slot.worker.terminate();
            }
            // The handler that called us may be one of these: drop them later.
            defer_drop(slot.handlers.take());
        }
        shared.on_hashed.borrow_mut().take();
        let on_end = shared.on_end.borrow_mut().take();
        if let Some(on_end) = on_end {
            on_end(ended, progress);
        }
    }

    /// The fallback: hashes the rest on the page's own thread, in slices.
    fn hash_on_page(shared: &Rc<Shared>) {
        {
            let mut run = shared.run.borrow_mut();
            if !run.running || run.on_page {
                return;
            }
            run.on_page = true;
        }
        let shared = shared.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                // Let the browser paint the progress and handle input first.
                TimeoutFuture::new(0).await;
                let started = js_sys::Date::now();
                let mut hashes = Vec::new();
                while js_sys::Date::now() - started < SLICE_MS {
                    let jobs: Vec<Job> = {
                        let mut run = shared.run.borrow_mut();
                        if !run.running {
                            return;
                        }
                        let n = run.queue.len().min(4);
                        run.queue.drain(..n).collect()
                    };
                    if jobs.is_empty() {
                        break;
                    }
                    // One at a time on the scalar path, which the page has
                    // anyway (a password set in a dialog): the four-lane SIMD
                    // path lives in the worker, not in the first load.
                    let hashed: Result<Vec<PasswordHash>, _> =
                        jobs.iter().map(|(_, p)| password::hash(p)).collect();
                    let mut indices = Vec::with_capacity(jobs.len());
                    for (i, mut password) in jobs {
                        password.zeroize();
                        indices.push(i);
                    }
                    match hashed {
                        Ok(h) => hashes.extend(indices.into_iter().zip(h)),
                        Err(e) => {
                            Shared::end(&shared, Ended::Failed(e.to_string()));
                            return;
                        }
                    }
                }
                if hashes.is_empty() {
                    return;
                }
                Shared::deliver(&shared, hashes);
            }
        });
    }
}

/// Packs `jobs` and sends them, the buffer transferred (the page keeps no
/// copy of the packed plaintexts).
fn post_batch(worker: &Worker, id: u32, engine: Engine, jobs: &[Job]) -> Result<(), JsValue> {
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
fn idle_when_ready(script: String, worker: Worker) {
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
fn defer_drop(handlers: Option<Handlers>) {
    if let Some(handlers) = handlers {
        wasm_bindgen_futures::spawn_local(async move { drop(handlers) });
    }
}

/// Whether this browser has Web Workers at all.
pub fn workers_available() -> bool {
    Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false)
}

/// `navigator.hardwareConcurrency`, at least 1.
pub fn hardware_concurrency() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(1, |n| n as usize)
}

fn log(text: &str) {
    web_sys::console::warn_1(&text.into());
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
