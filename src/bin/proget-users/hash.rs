//! `proget-users hash FILE [-o OUT]`: hashes every plaintext password on
//! every core and writes the file.

use crate::args::HashArgs;
use crate::failure::Failure;
use crate::{output, report};
use proget_users::password::{self, PasswordError, PasswordHash};
use proget_users::validate::validate;
use proget_users::{edit, write};
use std::io::{self, IsTerminal};
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long hashing runs before progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);
/// How often progress is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Reads FILE, hashes its plaintext passwords and writes the result. Says on
/// standard error how many were hashed, and whether errors remain.
pub fn run(args: &HashArgs) -> Result<ExitCode, Failure> {
    let (name, parsed) = crate::input::parse(&args.file)?;
    let mut file = parsed.file;
    let jobs = edit::plaintext_passwords(&file);
    let count = jobs.len();
    let show_progress = io::stderr().is_terminal();
    let hashes = hash_all(jobs, show_progress)
        .map_err(|e| Failure::Message(format!("cannot hash passwords: {e}")))?;
    edit::apply_hashes(&mut file, hashes);
    output::write(args.output.as_deref(), &write::to_bytes(&file))?;

    eprintln!("hashed {}", report::plural(count, "password", "passwords"));
    let (errors, _) = report::count(&validate(&file));
    if errors > 0 {
        eprintln!(
            "note: {name} has {}; run `proget-users check` to see them",
            report::plural(errors, "error", "errors")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Hashes each `(user index, plaintext)` with a fresh salt, the jobs split
/// evenly over the available cores. Progress goes to standard error once
/// the work has taken a second, if `show_progress`.
fn hash_all(
    jobs: Vec<(usize, String)>,
    show_progress: bool,
) -> Result<Vec<(usize, PasswordHash)>, PasswordError> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
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
                        .map(|(i, plaintext)| {
                            let hash = password::hash(plaintext)?;
                            done.fetch_add(1, Ordering::Relaxed);
                            Ok((*i, hash))
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
