//! Weak-password warnings: the page's side of the password-strength Web
//! Worker (`crates/strength-worker`, which runs the core's zxcvbn scoring).
//!
//! zxcvbn adds about 0.94 MB gzipped to a wasm module, more than three
//! times the page's whole first load, so the page's own wasm does not hold
//! it: the worker is started the first time a plaintext password needs
//! scoring (a file with one, a password typed in the dialog, a CSV with
//! passwords), and stays for the next.
//!
//! ```no_run
//! use proget_users_editor::strength::{score, Candidate, OwnerDetails};
//! let candidates = vec![Candidate::new("hunter2".to_owned(), OwnerDetails::named("jdoe"))];
//! score(candidates, |verdicts| match verdicts {
//!     Ok(verdicts) => { /* one Option<Weak> per candidate, in order */ }
//!     Err(unavailable) => { /* no warnings: the worker could not start */ }
//! });
//! ```
//!
//! What it promises:
//!
//! - **The ready handshake**: the worker's wasm starts asynchronously and
//!   a message sent before it says `ready` would be lost, so requests wait
//!   on the page until then (the protocol is the hashing worker's shape:
//!   `{type: "ready"}`, then `{type: "score", id, bytes, ends, owners}`
//!   answered by `{type: "scored", id, verdicts}`; see the worker crate).
//! - **Plaintext is wiped**: a [`Candidate`] wipes its password when
//!   dropped; the passwords are copied once into a buffer that is
//!   *transferred* to the worker (the page keeps no copy of it) and the
//!   candidates dropped at once; the worker wipes the buffer and its copy
//!   after scoring. Verdicts never hold any part of a password.
//! - **The page works without it**: where Workers are missing, the script
//!   cannot load, or the worker does not say it is ready within
//!   [`START_TIMEOUT_MS`], every request (then and later) ends with
//!   [`Unavailable`]: warnings do not appear, and the console says so once
//!   (at `info` level).

use crate::secrets::wipe;
use foldhash::{HashMap, HashMapExt};
use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
pub use proget_users_core::owner::OwnerDetails;
use std::cell::{Cell, RefCell};
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The worker's script, next to `index.html` (Trunk's loader shim).
pub const WORKER_SCRIPT: &str = "./strength-worker_loader.js";
/// How long the worker may take to say it is ready (fetching and compiling
/// 2.7 MB of wasm) before scoring counts as unavailable.
pub const START_TIMEOUT_MS: u32 = 20_000;
/// Passwords per request when a whole file or CSV is scored (about 0.1 s of
/// work): a newer request never waits long behind an older one.
pub const CHUNK: usize = 200;

/// One password to score, with its owner. The password is wiped when the
/// candidate is dropped.
pub struct Candidate {
    password: String,
    pub owner: OwnerDetails,
}

impl Candidate {
    pub fn new(password: String, owner: OwnerDetails) -> Self {
        Candidate { password, owner }
    }
}

impl Drop for Candidate {
    fn drop(&mut self) {
        wipe(&mut self.password);
    }
}

impl fmt::Debug for Candidate {
    /// The owner only: never the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidate")
            .field("owner", &self.owner)
            .finish_non_exhaustive()
    }
}

/// Why a password is weak, in words; never any part of the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weak {
    /// The core's `Weakness` as a sentence: `the password is the user name`,
    /// `the password is easy to guess (strength 1 of 4): This is a very
    /// common password.`
    pub summary: String,
    /// zxcvbn's warning (already in `summary` when the score is the reason).
    pub warning: Option<String>,
    /// zxcvbn's suggestions, such as `Add another word or two.`
    pub suggestions: Vec<String>,
}

impl Weak {
    /// The summary and the suggestions, as the password dialog shows them.
    pub fn feedback(&self) -> String {
        let mut text = self.summary.clone();
        for s in &self.suggestions {
            text.push(' ');
            text.push_str(s);
        }
        text
    }
}

/// Why passwords cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// The browser has no Web Workers.
    NoWorkers,
    /// The worker could not be started, or did not say it is ready in time.
    DidNotStart,
    /// The worker stopped or could not answer.
    Failed(String),
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NoWorkers => f.write_str("this browser has no Web Workers"),
            Unavailable::DidNotStart => f.write_str("the password-strength worker did not start"),
            Unavailable::Failed(why) => write!(f, "the password-strength worker failed: {why}"),
        }
    }
}

/// Each candidate's verdict, in order (`None`: not weak), or why there is
/// none.
pub type Verdicts = Result<Vec<Option<Weak>>, Unavailable>;

type OnDone = Box<dyn FnOnce(Verdicts)>;

/// Where each password ends in the packed bytes (UTF-8, one after
/// another), as the worker reads them.
pub fn ends<'a>(passwords: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
    let mut end = 0u32;
    passwords
        .into_iter()
        .map(|p| {
            end += p.len() as u32;
            end
        })
        .collect()
}

/// Scores `candidates` in the worker (started on first use) and calls
/// `on_done` once with the verdicts, or with why there are none. An empty
/// request is answered at once.
pub fn score(candidates: Vec<Candidate>, on_done: impl FnOnce(Verdicts) + 'static) {
    if candidates.is_empty() {
        return on_done(Ok(Vec::new()));
    }
    CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        let client = client.get_or_insert_with(Client::start);
        client.request(candidates, Box::new(on_done));
    });
    Client::flush();
}

/// Scores `candidates` [`CHUNK`] at a time, passing each chunk's verdicts
/// to `on_chunk` with the first candidate's place (its index in the
/// `Vec`), while `current()` says the work is still wanted; `on_end` is
/// called once at the end (`Ok` when every chunk was scored). The
/// candidates not yet sent stay wiped-on-drop.
pub fn score_in_chunks(
    candidates: Vec<Candidate>,
    current: impl Fn() -> bool + 'static,
    on_chunk: impl FnMut(usize, Vec<Option<Weak>>) + 'static,
    on_end: impl FnOnce(Result<(), Unavailable>) + 'static,
) {
    struct Chunks {
        rest: std::vec::IntoIter<Candidate>,
        at: usize,
        current: Box<dyn Fn() -> bool>,
        on_chunk: Box<dyn FnMut(usize, Vec<Option<Weak>>)>,
        on_end: Box<dyn FnOnce(Result<(), Unavailable>)>,
    }
    fn next(mut chunks: Chunks) {
        if !(chunks.current)() {
            return;
        }
        let chunk: Vec<Candidate> = chunks.rest.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return (chunks.on_end)(Ok(()));
        }
        let n = chunk.len();
        score(chunk, move |verdicts| match verdicts {
            Ok(verdicts) => {
                if (chunks.current)() {
                    (chunks.on_chunk)(chunks.at, verdicts);
                    chunks.at += n;
                    next(chunks);
                }
            }
            Err(e) => {
                if (chunks.current)() {
                    (chunks.on_end)(Err(e));
                }
            }
        });
    }
    next(Chunks {
        rest: candidates.into_iter(),
        at: 0,
        current: Box::new(current),
        on_chunk: Box::new(on_chunk),
        on_end: Box::new(on_end),
    });
}

/// Whether scoring has been found unavailable (the worker did not start
/// or failed): the page then says, quietly, that warnings are off.
pub fn unavailable() -> Option<Unavailable> {
    CLIENT.with(|client| match client.borrow().as_ref().map(|c| &c.status) {
        Some(Status::Broken(why)) => Some(why.clone()),
        _ => None,
    })
}

/// Uses `script` for the worker instead of [`WORKER_SCRIPT`], and forgets
/// the worker in use (terminated): for tests with a worker of their own.
pub fn use_worker_script(script: &str) {
    SCRIPT.with(|s| *s.borrow_mut() = script.to_owned());
    if let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) {
        client.worker.as_ref().inspect(|w| w.terminate());
    }
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static SCRIPT: RefCell<String> = RefCell::new(WORKER_SCRIPT.to_owned());
    /// Whether the console was told that scoring is unavailable.
    static TOLD: Cell<bool> = const { Cell::new(false) };
    /// Counts the workers started (a start timeout is for one of them).
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

enum Status {
    Starting,
    Ready,
    Broken(Unavailable),
}

/// A request waiting for the worker to be ready.
struct Waiting {
    candidates: Vec<Candidate>,
    on_done: OnDone,
}

/// A worker's message and error handlers.
type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// The one worker and what is asked of it.
struct Client {
    worker: Option<Worker>,
    status: Status,
    waiting: Vec<Waiting>,
    pending: HashMap<u32, OnDone>,
    next_id: u32,
    /// The worker's event handlers, kept alive with it.
    _handlers: Option<Handlers>,
}

impl Client {
    /// Starts the worker; a client that could not is broken at once.
    fn start() -> Client {
        let mut client = Client {
            worker: None,
            status: Status::Starting,
            waiting: Vec::new(),
            pending: HashMap::new(),
            next_id: 0,
            _handlers: None,
        };
        if !Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false) {
            client.status = Status::Broken(Unavailable::NoWorkers);
            return client;
        }
        let script = SCRIPT.with(|s| s.borrow().clone());
        let worker = match Worker::new(&script) {
            Ok(worker) => worker,
            Err(_) => {
                client.status = Status::Broken(Unavailable::DidNotStart);
                return client;
            }
        };
        let message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            Client::on_message(&event.data());
        });
        let error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
            event.prevent_default();
            let starting = CLIENT.with(|c| {
                c.borrow()
                    .as_ref()
                    .is_some_and(|c| matches!(c.status, Status::Starting))
            });
            Client::break_down(if starting {
                Unavailable::DidNotStart
            } else {
                Unavailable::Failed("the worker stopped".into())
            });
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        let generation = GENERATION.with(|g| g.get().wrapping_add(1));
        GENERATION.with(|g| g.set(generation));
        gloo_timers::callback::Timeout::new(START_TIMEOUT_MS, move || {
            // Only the worker this timer was set for (a test may have
            // started another since).
            let late = GENERATION.with(Cell::get) == generation
                && CLIENT.with(|c| {
                    c.borrow()
                        .as_ref()
                        .is_some_and(|c| matches!(c.status, Status::Starting))
                });
            if late {
                Client::break_down(Unavailable::DidNotStart);
            }
        })
        .forget();
        client.worker = Some(worker);
        client._handlers = Some((message, error));
        client
    }

    fn request(&mut self, candidates: Vec<Candidate>, on_done: OnDone) {
        self.waiting.push(Waiting {
            candidates,
            on_done,
        });
    }

    /// Sends the waiting requests once the worker is ready, or ends them
    /// when it is broken. Callbacks run with no borrow held.
    fn flush() {
        let (sent_failed, broken) = CLIENT.with(|client| {
            let mut client = client.borrow_mut();
            let Some(client) = client.as_mut() else {
                return (Vec::new(), Vec::new());
            };
            match &client.status {
                Status::Starting => (Vec::new(), Vec::new()),
                Status::Broken(why) => {
                    let why = why.clone();
                    let ended = client
                        .waiting
                        .drain(..)
                        .map(|w| (w.on_done, why.clone()))
                        .collect();
                    (Vec::new(), ended)
                }
                Status::Ready => {
                    let mut failed = Vec::new();
                    for waiting in std::mem::take(&mut client.waiting) {
                        let id = client.next_id;
                        client.next_id = client.next_id.wrapping_add(1);
                        let worker = client.worker.as_ref().expect("a ready worker");
                        // The candidates are dropped (wiped) once sent.
                        match post(worker, id, waiting.candidates) {
                            Ok(()) => {
                                client.pending.insert(id, waiting.on_done);
                            }
                            Err(e) => failed.push((waiting.on_done, e)),
                        }
                    }
                    (failed, Vec::new())
                }
            }
        });
        for (on_done, why) in sent_failed.into_iter().chain(broken) {
            on_done(Err(why));
        }
    }

    fn on_message(data: &JsValue) {
        match get(data, "type").as_string().as_deref() {
            Some("ready") => {
                CLIENT.with(|client| {
                    if let Some(client) = client.borrow_mut().as_mut() {
                        if matches!(client.status, Status::Starting) {
                            client.status = Status::Ready;
                        }
                    }
                });
                Client::flush();
            }
            Some("scored") => {
                let on_done = Client::take_pending(data);
                let verdicts = get(data, "verdicts")
                    .dyn_into::<Array>()
                    .map(|a| a.iter().map(|v| weak(&v)).collect())
                    .map_err(|_| Unavailable::Failed("an answer without verdicts".into()));
                if let Some(on_done) = on_done {
                    on_done(verdicts);
                }
            }
            Some("failed") => {
                let why = get(data, "message").as_string().unwrap_or_default();
                if let Some(on_done) = Client::take_pending(data) {
                    on_done(Err(Unavailable::Failed(why)));
                }
            }
            _ => {}
        }
    }

    fn take_pending(data: &JsValue) -> Option<OnDone> {
        let id = get(data, "id").as_f64()? as u32;
        CLIENT.with(|c| c.borrow_mut().as_mut()?.pending.remove(&id))
    }

    /// The worker is unusable: every request ends with `why`, now and
    /// later; the console is told once.
    fn break_down(why: Unavailable) {
        let pending: Vec<OnDone> = CLIENT.with(|client| {
            let mut client = client.borrow_mut();
            let Some(client) = client.as_mut() else {
                return Vec::new();
            };
            if matches!(client.status, Status::Broken(_)) {
                return Vec::new();
            }
            client.status = Status::Broken(why.clone());
            if let Some(worker) = &client.worker {
                worker.terminate();
            }
            client.pending.drain().map(|(_, f)| f).collect()
        });
        tell_once(&why);
        for on_done in pending {
            on_done(Err(why.clone()));
        }
        Client::flush();
    }
}

/// Says once, quietly, that warnings are off.
fn tell_once(why: &Unavailable) {
    if !TOLD.with(|t| t.replace(true)) {
        web_sys::console::info_1(
            &format!("Weak-password warnings are off: {why}. Everything else works.").into(),
        );
    }
}

/// Packs the candidates' passwords into a buffer transferred to the worker
/// (so the page keeps no copy) and sends them with their owners; the
/// candidates are dropped, and so wiped, before it returns.
fn post(worker: &Worker, id: u32, candidates: Vec<Candidate>) -> Result<(), Unavailable> {
    let ends = ends(candidates.iter().map(|c| c.password.as_str()));
    let bytes = Uint8Array::new_with_length(ends.last().copied().unwrap_or(0));
    let mut start = 0;
    for (candidate, &end) in candidates.iter().zip(&ends) {
        bytes
            .subarray(start, end)
            .copy_from(candidate.password.as_bytes());
        start = end;
    }
    let owners: Array = candidates
        .iter()
        .map(|c| {
            let o = &c.owner;
            let opt = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from);
            JsValue::from(Array::of3(
                &o.user_name.as_str().into(),
                &opt(&o.display_name),
                &opt(&o.email_address),
            ))
        })
        .collect();
    drop(candidates);
    let message = Object::new();
    set(&message, "type", &"score".into());
    set(&message, "id", &id.into());
    set(&message, "bytes", &bytes);
    set(&message, "ends", &Uint32Array::from(ends.as_slice()));
    set(&message, "owners", &owners);
    let sent = worker.post_message_with_transfer(&message, &Array::of1(&bytes.buffer()));
    if sent.is_err() {
        // Not transferred: wipe the page's copy.
        bytes.fill(0, 0, bytes.length());
    }
    sent.map_err(|e| Unavailable::Failed(format!("could not send: {e:?}")))
}

/// A verdict from the worker: `null` (not weak) or `{summary, warning,
/// suggestions}`.
fn weak(value: &JsValue) -> Option<Weak> {
    if value.is_null() || value.is_undefined() {
        return None;
    }
    Some(Weak {
        summary: get(value, "summary").as_string().unwrap_or_default(),
        warning: get(value, "warning").as_string(),
        suggestions: get(value, "suggestions")
            .dyn_into::<Array>()
            .map(|a| a.iter().filter_map(|s| s.as_string()).collect())
            .unwrap_or_default(),
    })
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_where_each_password_s_bytes_end() {
        assert_eq!(ends(["ab", "", "é1"]), [2, 2, 5]);
        assert_eq!(ends([] as [&str; 0]), [] as [u32; 0]);
    }

    #[test]
    fn feedback_puts_the_suggestions_after_the_summary() {
        let weak = Weak {
            summary:
                "the password is easy to guess (strength 0 of 4): This is a top-10 common password."
                    .into(),
            warning: Some("This is a top-10 common password.".into()),
            suggestions: vec!["Add another word or two.".into(), "Avoid sequences.".into()],
        };
        assert_eq!(
            weak.feedback(),
            "the password is easy to guess (strength 0 of 4): This is a top-10 common password. Add another word or two. Avoid sequences."
        );
    }

    #[test]
    fn a_candidate_never_shows_its_password() {
        let c = Candidate::new("hunter2".into(), OwnerDetails::named("jdoe"));
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
