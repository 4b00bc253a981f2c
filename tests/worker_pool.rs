//! The hashing worker pool on its own, in headless Chromium: batches reach
//! workers only after they said they are ready, a worker that dies hands
//! its batches to the others, a pool whose workers cannot start hashes on
//! the page, and Cancel ends the run at once.
//!
//! The workers here are stand-ins written in JavaScript (Blob URLs) that
//! speak the real worker's protocol (`crates/worker`) and hash with the
//! browser's WebCrypto, so every hash is checked with the core's
//! `verify_hash`; the real worker runs in the end-to-end tests and
//! `scripts/bench-hash`.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown \
//!     -p proget-users-editor --test worker_pool
//! ```
#![cfg(target_arch = "wasm32")]

use proget_users_core::password::{verify_hash, PasswordHash};
use proget_users_editor::worker_pool::{self, Ended, Hashing, Options, Progress};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A stand-in worker: says it is ready after `ready_ms` (ignoring, like a
/// wasm worker that has not started, every message before that), and when
/// `die_on_first` is set, throws on the run's first batch (id 0; the other
/// workers of the pool get other ids, and live).
fn stand_in(ready_ms: u32, die_on_first: bool) -> String {
    stand_in_dying(ready_ms, if die_on_first { "throw" } else { "" })
}

/// Options for a pool of `workers` running `script`.
fn pool(workers: usize, script: String) -> Options {
    Options {
        workers: Some(workers),
        script,
        ..Options::default()
    }
}

/// A stand-in that on the run's first batch dies as `how` says: `"throw"`
/// (an uncaught error: the page gets an error event) or `"panic"` (what
/// the real worker's panic hook does: it says it died).
fn stand_in_dying(ready_ms: u32, how: &str) -> String {
    let source = format!(
        r#"
let ready = false;
setTimeout(() => {{ ready = true; postMessage({{ type: 'ready', simd: false }}); }}, {ready_ms});
onmessage = (event) => {{
  const m = event.data;
  if (!ready || m.type !== 'hash') return;
  // Thrown here, not in the async part: the page sees an error event.
  if ('{how}' === 'throw' && m.id === 0) throw new Error('deliberate: this worker dies');
  if ('{how}' === 'panic' && m.id === 0) {{ postMessage({{ type: 'died', message: 'deliberate' }}); return; }}
  hash(m);
}};
async function hash(m) {{
  const out = new Uint8Array(m.ends.length * 30);
  let start = 0;
  for (let i = 0; i < m.ends.length; i++) {{
    const password = m.bytes.slice(start, m.ends[i]);
    start = m.ends[i];
    const salt = crypto.getRandomValues(new Uint8Array(10));
    const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({{ name: 'PBKDF2', hash: 'SHA-1', salt, iterations: 10000 }}, key, 160);
    password.fill(0);
    out.set(new Uint8Array(bits), i * 30);
    out.set(salt, i * 30 + 20);
  }}
  m.bytes.fill(0);
  postMessage({{ type: 'hashed', id: m.id, records: out }}, [out.buffer]);
}}
"#
    );
    let parts = js_sys::Array::of1(&source.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

/// What a run delivered.
#[derive(Default)]
struct Outcome {
    hashes: Vec<(usize, PasswordHash)>,
    progress: Vec<Progress>,
    ended: Option<(Ended, Progress)>,
}

fn jobs(n: usize) -> Vec<(usize, String)> {
    (0..n).map(|i| (i * 3, password(i * 3))).collect()
}

fn password(index: usize) -> String {
    format!("pässword {index}")
}

/// Starts a run and returns it with what it delivers and a promise of its end.
fn start(
    jobs: Vec<(usize, String)>,
    options: Options,
) -> (worker_pool::HashRun, Rc<RefCell<Outcome>>, JsFuture) {
    let outcome = Rc::new(RefCell::new(Outcome::default()));
    let resolve_end: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let ended = js_sys::Promise::new(&mut |resolve, _| {
        *resolve_end.borrow_mut() = Some(resolve);
    });
    // Fail rather than hang when the run never ends (a lost batch).
    let timeout = js_sys::Promise::new(&mut |_, reject| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, 60_000)
            .unwrap();
    });
    let (on_hashed, on_end) = (outcome.clone(), outcome.clone());
    let run = worker_pool::start(
        jobs,
        options,
        move |hashes, progress| {
            let mut o = on_hashed.borrow_mut();
            assert!(o.ended.is_none(), "hashes delivered after the end");
            o.hashes.extend(hashes);
            o.progress.push(progress);
        },
        move |ended, progress| {
            let mut o = on_end.borrow_mut();
            assert!(o.ended.is_none(), "ended twice");
            o.ended = Some((ended, progress));
            if let Some(resolve) = resolve_end.borrow_mut().take() {
                resolve.call0(&JsValue::NULL).unwrap();
            }
        },
    );
    let end = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&ended, &timeout)));
    (run, outcome, end)
}

/// Every job hashed once, each hash verifying against its password.
fn assert_all_hashed(outcome: &Outcome, count: usize) {
    let (ended, progress) = outcome.ended.clone().expect("the run ended");
    assert_eq!(ended, Ended::Done);
    assert_eq!(
        progress,
        Progress {
            done: count,
            total: count
        }
    );
    let mut indices: Vec<usize> = outcome.hashes.iter().map(|(i, _)| *i).collect();
    indices.sort_unstable();
    assert_eq!(indices, (0..count).map(|i| i * 3).collect::<Vec<_>>());
    for (i, hash) in &outcome.hashes {
        assert_eq!(
            verify_hash(&password(*i), &hash.password_bytes, &hash.salt_bytes),
            Ok(true),
            "job {i}"
        );
    }
    let done: Vec<usize> = outcome.progress.iter().map(|p| p.done).collect();
    assert!(
        done.windows(2).all(|w| w[0] < w[1]),
        "progress went back: {done:?}"
    );
}

#[wasm_bindgen_test]
async fn batches_wait_until_each_worker_is_ready() {
    // The stand-ins ignore everything for 300 ms, as a worker whose wasm
    // is still starting would: a batch sent early would be lost, and the
    // run would never end.
    let (run, outcome, end) = start(jobs(21), pool(2, stand_in(300, false)));
    assert_eq!(run.hashing(), Hashing::InWorkers(2));
    end.await.expect("the run ended in time");
    assert!(!run.is_running());
    assert_all_hashed(&outcome.borrow(), 21);
    // Batches of at most eight: several deliveries, each with its progress.
    assert!(outcome.borrow().progress.len() >= 3);
}

#[wasm_bindgen_test]
async fn a_worker_that_dies_hands_its_batches_to_the_others() {
    // The first worker dies on its first batch: the survivor hashes it.
    let (run, outcome, end) = start(jobs(24), pool(2, stand_in(0, true)));
    end.await.expect("the run ended in time");
    assert_eq!(run.hashing(), Hashing::InWorkers(1));
    assert_all_hashed(&outcome.borrow(), 24);

    // Alone, a dying worker leaves the page to hash everything itself.
    let (run, outcome, end) = start(jobs(9), pool(1, stand_in(0, true)));
    end.await.expect("the run ended in time");
    assert_eq!(run.hashing(), Hashing::OnPage);
    assert_all_hashed(&outcome.borrow(), 9);

    // A worker whose wasm panicked says so (its panic hook): the same.
    let (run, outcome, end) = start(jobs(24), pool(2, stand_in_dying(0, "panic")));
    end.await.expect("the run ended in time");
    assert_eq!(run.hashing(), Hashing::InWorkers(1));
    assert_all_hashed(&outcome.borrow(), 24);
}

#[wasm_bindgen_test]
async fn where_workers_cannot_start_the_page_hashes_in_slices() {
    let (run, outcome, end) = start(jobs(6), pool(2, "./no-such-worker.js".to_owned()));
    end.await.expect("the run ended in time");
    assert_eq!(run.hashing(), Hashing::OnPage);
    assert_all_hashed(&outcome.borrow(), 6);
}

#[wasm_bindgen_test]
async fn cancel_ends_the_run_at_once_and_nothing_comes_after() {
    let (run, outcome, end) = start(jobs(400), pool(2, stand_in(0, false)));
    // Let some batches go out and come back.
    gloo_timers::future::TimeoutFuture::new(150).await;
    run.cancel();
    // The end is reported before cancel returns.
    let (ended, progress) = outcome.borrow().ended.clone().expect("ended at cancel");
    assert_eq!(ended, Ended::Cancelled);
    assert!(!run.is_running());
    assert!(progress.done < 400, "cancelled after everything was done");
    end.await.unwrap();
    let delivered = outcome.borrow().hashes.len();
    // Answers still on their way are dropped: nothing more arrives.
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert_eq!(outcome.borrow().hashes.len(), delivered);
    assert_eq!(delivered, progress.done);
    run.cancel(); // a second cancel does nothing
}

#[wasm_bindgen_test]
async fn an_empty_run_ends_at_once_without_starting_workers() {
    let (run, outcome, _) = start(Vec::new(), Options::default());
    assert!(!run.is_running());
    assert_eq!(
        outcome.borrow().ended,
        Some((Ended::Done, Progress { done: 0, total: 0 }))
    );
}

#[wasm_bindgen_test]
async fn a_finished_pool_hashes_the_next_run_on_the_same_workers() {
    let options = pool(2, stand_in(200, false));
    let (_, first, end) = start(jobs(4), options.clone());
    assert_eq!(worker_pool::idle_workers(&options.script), 0);
    end.await.unwrap();
    assert_all_hashed(&first.borrow(), 4);
    // Both wait, ready, for the next run, which takes them. One batch can
    // finish the run before the other worker has said it is ready (on a
    // loaded machine); that one joins the idle ones when it does.
    until_idle(&options.script, 2).await;
    let (_, second, end) = start(jobs(4), options.clone());
    assert_eq!(worker_pool::idle_workers(&options.script), 0);
    end.await.unwrap();
    assert_all_hashed(&second.borrow(), 4);
    until_idle(&options.script, 2).await;

    // A cancelled run's workers are terminated, not kept.
    let (run, _, end) = start(jobs(40), options.clone());
    run.cancel();
    end.await.unwrap();
    assert_eq!(worker_pool::idle_workers(&options.script), 0);
}

/// Waits until `count` workers of `script` are idle; fails after 20 s (a
/// worker kept while starting that never joined), not on a busy machine.
async fn until_idle(script: &str, count: usize) {
    for _ in 0..1000 {
        if worker_pool::idle_workers(script) == count {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert_eq!(worker_pool::idle_workers(script), count, "idle workers");
}
