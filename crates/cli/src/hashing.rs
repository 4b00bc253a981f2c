//! Hashing many passwords on every core (rayon), with a progress bar on
//! standard error ([`crate::progress`]) when it takes a while. Shared by `hash`,
//! `import-csv` and `reset`.

use crate::progress::Progress;
use proget_users_core::password::{self, PasswordError, PasswordHash};
use rayon::prelude::*;
use zeroize::Zeroizing;

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
    let progress = Progress::start("hashing passwords", jobs.len() as u64);
    let hashes = jobs
        .into_par_iter()
        .map(|(key, plaintext)| {
            let hash = password::hash(&plaintext)?;
            progress.inc();
            Ok((key, hash))
        })
        .collect();
    progress.finish();
    hashes
}
