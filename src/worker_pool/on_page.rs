//! The fallback where Web Workers are missing, cannot start or all died:
//! the rest is hashed on the page's own thread, in slices.

use super::run::Shared;
use super::{Ended, Job, SLICE_MS};
use gloo_timers::future::TimeoutFuture;
use proget_users_core::password::{self, PasswordHash};
use std::rc::Rc;
use zeroize::Zeroize;

impl Shared {
    /// The fallback: hashes the rest on the page's own thread, in slices.
    pub(super) fn hash_on_page(shared: &Rc<Shared>) {
        {
            let mut run = shared.run.borrow_mut();
            if !run.running || run.on_page {
                return;
            }
            run.on_page = true;
        }
        let shared = shared.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                // Let the browser paint the progress and handle input first.
                TimeoutFuture::new(0).await;
                let started = js_sys::Date::now();
                let mut hashes = Vec::new();
                while js_sys::Date::now() - started < SLICE_MS {
                    let jobs: Vec<Job> = {
                        let mut run = shared.run.borrow_mut();
                        if !run.running {
                            return;
                        }
                        let n = run.queue.len().min(4);
                        run.queue.drain(..n).collect()
                    };
                    if jobs.is_empty() {
                        break;
                    }
                    // One at a time on the scalar path, which the page has
                    // anyway (a password set in a dialog): the four-lane SIMD
                    // path lives in the worker, not in the first load.
                    let hashed: Result<Vec<PasswordHash>, _> =
                        jobs.iter().map(|(_, p)| password::hash(p)).collect();
                    let mut indices = Vec::with_capacity(jobs.len());
                    for (i, mut password) in jobs {
                        password.zeroize();
                        indices.push(i);
                    }
                    match hashed {
                        Ok(h) => hashes.extend(indices.into_iter().zip(h)),
                        Err(e) => {
                            Shared::end(&shared, Ended::Failed(e.to_string()));
                            return;
                        }
                    }
                }
                if hashes.is_empty() {
                    return;
                }
                Shared::deliver(&shared, hashes);
            }
        });
    }
}
