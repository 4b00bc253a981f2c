//! Hashing many passwords on every core, with progress on standard error
//! when it takes a while. Shared by `hash`, `import-csv` and `reset`.

use proget_users_core::password::{self, PasswordError, PasswordHash};
use std::io::{self, IsTerminal};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long hashing runs before progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);
/// How often progress is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Hashes each `(key, plaintext)` with a fresh salt and gives back
/// `(key, hash)` in the same order, the jobs split evenly over the
/// available cores. The plaintexts are dropped once hashed. Progress goes
/// to standard error once the work has taken a second, if standard error
/// is a terminal.
///
/// The key says where each hash belongs: a user index for `hash`, a CSV
/// row for `import-csv`, a user name for `reset`.
pub fn hash_all<K: Clone + Send + Sync>(
    jobs: Vec<(K, String)>,
) -> Result<Vec<(K, PasswordHash)>, PasswordError> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let show_progress = io::stderr().is_terminal();
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(jobs.len());
    let chunk = jobs.len().div_ceil(threads);
    let done = AtomicUsize::new(0);
    let results = thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(chunk)
            .map(|chunk| {
                let done = &done;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(key, plaintext)| {
                            let hash = password::hash(plaintext)?;
                            done.fetch_add(1, Ordering::Relaxed);
                            Ok((key.clone(), hash))
                        })
                        .collect::<Result<Vec<_>, PasswordError>>()
                })
            })
            .collect();
        if show_progress {
            report_progress(&workers, &done, jobs.len());
        }
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Vec<_>>()
    });
    drop(jobs);
    let mut hashes = Vec::with_capacity(done.into_inner());
    for result in results {
        hashes.extend(result?);
    }
    Ok(hashes)
}

/// Redraws `hashing passwords: done/total` on standard error until every
/// worker has finished, starting after [`PROGRESS_AFTER`].
fn report_progress<T>(
    workers: &[thread::ScopedJoinHandle<'_, T>],
    done: &AtomicUsize,
    total: usize,
) {
    let start = Instant::now();
    let mut shown = false;
    while !workers.iter().all(|w| w.is_finished()) {
        thread::sleep(PROGRESS_EVERY);
        if start.elapsed() >= PROGRESS_AFTER {
            eprint!(
                "\rhashing passwords: {}/{total}",
                done.load(Ordering::Relaxed)
            );
            shown = true;
        }
    }
    if shown {
        eprintln!("\rhashing passwords: {total}/{total}");
    }
}
