//! Hashing many passwords on every core (rayon), with a progress bar on
//! standard error (indicatif) when it takes a while. Shared by `hash`,
//! `import-csv` and `reset`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use proget_users_core::password::{self, PasswordError, PasswordHash};
use rayon::prelude::*;
use std::io::{self, IsTerminal};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use zeroize::Zeroizing;

/// How long hashing runs before progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// Hashes each `(key, plaintext)` with a fresh salt and gives back
/// `(key, hash)` in the same order, spread over every core. Each plaintext
/// is wiped from memory once hashed (or once the run stops). Progress goes
/// to standard error once the work has taken a second, if standard error
/// is a terminal.
///
/// The key says where each hash belongs: a user index for `hash`, a CSV
/// row for `import-csv`, a user name for `reset`.
pub fn hash_all<K: Send>(jobs: Vec<(K, String)>) -> Result<Vec<(K, PasswordHash)>, PasswordError> {
    let jobs: Vec<(K, Zeroizing<String>)> = jobs
        .into_iter()
        .map(|(key, plaintext)| (key, Zeroizing::new(plaintext)))
        .collect();
    let progress = Progress::start(jobs.len() as u64);
    let hashes = jobs
        .into_par_iter()
        .map(|(key, plaintext)| {
            let hash = password::hash(&plaintext)?;
            progress.bar.inc(1);
            Ok((key, hash))
        })
        .collect();
    progress.finish();
    hashes
}

/// A progress bar that stays hidden for [`PROGRESS_AFTER`], and for good
/// when standard error is not a terminal.
struct Progress {
    bar: ProgressBar,
    /// Dropped when the work is done, which wakes the watcher early.
    done: Option<mpsc::Sender<()>>,
    watcher: Option<thread::JoinHandle<()>>,
}

impl Progress {
    fn start(total: u64) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("hashing passwords: {pos}/{len} {wide_bar} {eta} left")
        {
            bar.set_style(style);
        }
        if total == 0 || !io::stderr().is_terminal() {
            return Progress {
                bar,
                done: None,
                watcher: None,
            };
        }
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let watcher = thread::spawn(move || {
            if wait.recv_timeout(PROGRESS_AFTER) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        Progress {
            bar,
            done: Some(done),
            watcher: Some(watcher),
        }
    }

    fn finish(mut self) {
        drop(self.done.take());
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
        self.bar.finish();
    }
}
