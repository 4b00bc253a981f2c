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
use js_sys::Reflect;
use proget_users_core::password::PasswordHash;
use std::cell::RefCell;
use std::rc::Rc;

mod on_page;
mod run;
mod workers;

use run::{Run, Shared};
pub use workers::idle_workers;

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
