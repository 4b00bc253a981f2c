//! The page's one hashing driver. Hashing many passwords on the page's
//! thread would freeze it, so the work is cut into slices of a few dozen
//! milliseconds with the browser back in control between them; progress
//! shows through [`HashJob`] (whose Cancel stops the run after the slice it
//! is in).
//!
//! The interface is what a pool of Web Workers would offer as well: hand
//! out the plaintexts ([`hash_in_slices`]), get each slice's results in
//! order (`on_slice`), see the progress, cancel. The plaintexts are wiped
//! before it returns.

use crate::secrets::wipe;
use crate::state::HashJob;
use gloo_timers::future::TimeoutFuture;
use proget_users_core::password::{self, PasswordError, PasswordHash};
use std::cell::RefCell;
use std::future::Future;
use std::ops::Range;
use std::rc::Rc;

/// How long one slice of hashing may hold the browser, in milliseconds
/// (one hash more may start before it is over: about 3 ms in a release
/// build).
pub const SLICE_MS: f64 = 30.0;

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

/// Hashes `passwords` in slices, showing the progress in `job`. After each
/// slice, `on_slice` gets the positions in `passwords` it covered, their
/// plaintexts and their hashes. The run starts at once (the job is busy
/// from this call on); the future drives it to the end.
pub fn hash_in_slices(
    job: HashJob,
    mut passwords: Vec<String>,
    mut on_slice: impl FnMut(Range<usize>, &[String], Vec<PasswordHash>) + 'static,
) -> impl Future<Output = Outcome> {
    let total = passwords.len();
    let started = job.start(total);
    async move {
        if !started {
            passwords.iter_mut().for_each(wipe);
            return Outcome::Busy;
        }
        let mut done = 0;
        let mut outcome = Outcome::Done;
        while done < total {
            // Let the browser paint the progress and handle input first.
            TimeoutFuture::new(0).await;
            if job.cancelled() {
                outcome = Outcome::Cancelled { done };
                break;
            }
            let started = js_sys::Date::now();
            let mut hashes = Vec::new();
            for plaintext in &passwords[done..] {
                match password::hash(plaintext) {
                    Ok(hash) => hashes.push(hash),
                    Err(e) => {
                        outcome = Outcome::Failed(e);
                        break;
                    }
                }
                if js_sys::Date::now() - started > SLICE_MS {
                    break;
                }
            }
            let range = done..done + hashes.len();
            done = range.end;
            if !range.is_empty() {
                on_slice(range.clone(), &passwords[range], hashes);
            }
            if !matches!(outcome, Outcome::Done) {
                break;
            }
            job.advance(done);
        }
        passwords.iter_mut().for_each(wipe);
        job.finish();
        outcome
    }
}

/// Hashes `passwords` in slices and returns every hash, in order, or how
/// the run ended otherwise.
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
