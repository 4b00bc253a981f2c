//! The page's one hashing driver: every caller (generate, the hashing
//! banner, the CSV import) hashes through [`hash_in_slices`] or
//! [`hash_all`].
//!
//! A run hashes in the [`worker_pool`]: one Web Worker per processor core,
//! each four passwords per SIMD instruction, so the page's own thread only
//! hands out work and applies the results. Where workers are missing or
//! cannot start, the pool hashes on the page's thread instead, in slices of
//! a few dozen milliseconds with the browser back in control between them.
//!
//! Either way the caller sees the same thing: the results in order, a slice
//! at a time (`on_slice`), the progress in [`HashJob`], and Cancel (the
//! job's) stopping the run within [`CANCEL_POLL_MS`] plus the slice in hand
//! (workers are terminated at once). The plaintexts are wiped as soon as
//! their slice was handed over, the rest when the run ends, and the
//! workers wipe their copies after use.

use crate::secrets::wipe;
use crate::state::HashJob;
use crate::worker_pool::{self, Ended, Options};
use gloo_timers::future::TimeoutFuture;
use proget_users_core::password::{PasswordError, PasswordHash};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::ops::Range;
use std::rc::Rc;

/// How long one slice of hashing on the page's own thread (where workers
/// are unavailable) may hold the browser, in milliseconds.
pub use crate::worker_pool::SLICE_MS;

/// How often a run looks at the job's Cancel, in milliseconds.
pub const CANCEL_POLL_MS: u32 = 20;

/// How a run of [`hash_in_slices`] ended.
#[derive(Debug)]
pub enum Outcome {
    /// Every password was hashed and handed to `on_slice`.
    Done,
    /// The user pressed Cancel; the first `done` were handed over.
    Cancelled { done: usize },
    /// Another run is going; nothing was hashed.
    Busy,
    /// A hash failed; the ones before it were handed over.
    Failed(PasswordError),
}

/// Hashes `passwords`, showing the progress in `job`. `on_slice` gets,
/// in order, the positions in `passwords` each slice covers, their
/// plaintexts and their hashes. The run starts at once (the job is busy
/// from this call on); the future drives it to the end.
pub fn hash_in_slices(
    job: HashJob,
    passwords: Vec<String>,
    on_slice: impl FnMut(Range<usize>, &[String], Vec<PasswordHash>) + 'static,
) -> impl Future<Output = Outcome> {
    let total = passwords.len();
    let started = job.start(total);
    let order = Rc::new(RefCell::new(InOrder {
        passwords,
        next: 0,
        waiting: BTreeMap::new(),
        on_slice,
        job,
    }));
    async move {
        if !started {
            order.borrow_mut().wipe();
            return Outcome::Busy;
        }
        let outcome = run_in_pool(&order, job).await;
        order.borrow_mut().wipe();
        job.finish();
        outcome
    }
}

/// Hashes in the worker pool (or, where workers are unavailable, in its
/// slices on the page) until the run ends or the job is cancelled.
async fn run_in_pool<F>(order: &Rc<RefCell<InOrder<F>>>, job: HashJob) -> Outcome
where
    F: FnMut(Range<usize>, &[String], Vec<PasswordHash>) + 'static,
{
    // The pool gets a copy of each plaintext (it sends it to a worker and
    // wipes it); ours stays until its slice is handed over, for `on_slice`.
    let jobs: Vec<worker_pool::Job> = order
        .borrow()
        .passwords
        .iter()
        .cloned()
        .enumerate()
        .collect();
    let ended = Rc::new(RefCell::new(None::<Ended>));
    let run = worker_pool::start(
        jobs,
        Options::default(),
        {
            let order = Rc::clone(order);
            move |hashes, _| order.borrow_mut().arrived(hashes)
        },
        {
            let ended = Rc::clone(&ended);
            move |how, _| *ended.borrow_mut() = Some(how)
        },
    );
    loop {
        let how = ended.borrow_mut().take();
        if let Some(how) = how {
            let done = order.borrow().next;
            return match how {
                Ended::Done => Outcome::Done,
                Ended::Cancelled => Outcome::Cancelled { done },
                Ended::Failed(why) => Outcome::Failed(PasswordError::Worker(why)),
            };
        }
        if job.cancelled() {
            // Ends the run (and calls `on_end`) before it returns.
            run.cancel();
            continue;
        }
        TimeoutFuture::new(CANCEL_POLL_MS).await;
    }
}

/// Puts the pool's answers (which come in any order) back in order, and
/// hands each run of consecutive hashes to `on_slice`.
struct InOrder<F> {
    passwords: Vec<String>,
    /// The first position not yet handed over.
    next: usize,
    /// Hashes that arrived before the ones in front of them.
    waiting: BTreeMap<usize, PasswordHash>,
    on_slice: F,
    job: HashJob,
}

impl<F> InOrder<F>
where
    F: FnMut(Range<usize>, &[String], Vec<PasswordHash>),
{
    fn arrived(&mut self, hashes: Vec<(usize, PasswordHash)>) {
        self.waiting.extend(hashes);
        let mut ready = Vec::new();
        while let Some(hash) = self.waiting.remove(&(self.next + ready.len())) {
            ready.push(hash);
        }
        if ready.is_empty() {
            return;
        }
        let range = self.next..self.next + ready.len();
        (self.on_slice)(range.clone(), &self.passwords[range.clone()], ready);
        self.passwords[range.clone()].iter_mut().for_each(wipe);
        self.next = range.end;
        self.job.advance(self.next);
    }

    fn wipe(&mut self) {
        self.passwords.iter_mut().for_each(wipe);
        self.waiting.clear();
    }
}

/// Hashes `passwords` and returns every hash, in order, or how the run
/// ended otherwise.
pub fn hash_all(
    job: HashJob,
    passwords: Vec<String>,
) -> impl Future<Output = Result<Vec<PasswordHash>, Outcome>> {
    let all = Rc::new(RefCell::new(Vec::with_capacity(passwords.len())));
    let run = {
        let all = Rc::clone(&all);
        hash_in_slices(job, passwords, move |_, _, hashes| {
            all.borrow_mut().extend(hashes)
        })
    };
    async move {
        match run.await {
            Outcome::Done => Ok(all.take()),
            other => Err(other),
        }
    }
}
