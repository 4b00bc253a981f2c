//! A progress bar on standard error (indicatif) for long work spread over
//! every core: hashing and scoring passwords. It shows only once the work
//! has taken a second, and only when standard error is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long work runs before progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// A progress bar that stays hidden for [`PROGRESS_AFTER`], and for good
/// when standard error is not a terminal.
pub struct Progress {
    bar: ProgressBar,
    /// Dropped when the work is done, which wakes the watcher early.
    done: Option<mpsc::Sender<()>>,
    watcher: Option<thread::JoinHandle<()>>,
}

impl Progress {
    /// A bar for `total` steps of `what` (`hashing passwords`).
    pub fn start(what: &str, total: u64) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        let template = format!("{what}: {{pos}}/{{len}} {{wide_bar}} {{eta}} left");
        if let Ok(style) = ProgressStyle::with_template(&template) {
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

    /// One step done (from any thread).
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Hides the bar for good, once the work is done.
    pub fn finish(mut self) {
        drop(self.done.take());
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
        self.bar.finish();
    }
}
