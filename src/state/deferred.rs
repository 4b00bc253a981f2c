//! Whole-file views computed off the interaction path. A view over every
//! user (the problems, the import plan, the groups, a comparison) can take
//! a few hundred milliseconds on a 50,000-user file; computing it in the
//! click's own task would freeze the page for that long after each edit.
//! A [`deferred`] view of a large file is computed in a task of its own
//! after the browser has painted the change (several changes in a row
//! cost one computation), shows its last result meanwhile, and waits while
//! a hashing run holds the file. A small file's view is computed at once.

use crate::state::HashJob;
use leptos::prelude::*;

/// A view that `compute` fills, after `inputs` (which reads, tracked,
/// what it depends on) changes and once no hashing run is going: at once
/// while `large` says the work is small, else after the next paint.
/// `initial` shows until the first computation.
pub fn deferred<T: Send + Sync + 'static>(
    job: HashJob,
    initial: T,
    inputs: impl Fn() + 'static,
    large: impl Fn() -> bool + 'static,
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> ReadSignal<T> {
    let (value, set_value) = signal(initial);
    let pending = StoredValue::new(false);
    let compute = StoredValue::new(compute);
    Effect::new(move |_| {
        inputs();
        if job.busy() || pending.get_value() {
            return;
        }
        if !untrack(&large) {
            set_value.set(untrack(|| compute.with_value(|compute| compute())));
            return;
        }
        pending.set_value(true);
        // After the paint that shows the change, in a task of its own.
        request_animation_frame(move || {
            gloo_timers::callback::Timeout::new(0, move || {
                if pending.is_disposed() || compute.is_disposed() {
                    return;
                }
                pending.set_value(false);
                let fresh = untrack(|| compute.with_value(|compute| compute()));
                set_value.try_set(fresh);
            })
            .forget();
        });
    });
    value
}
