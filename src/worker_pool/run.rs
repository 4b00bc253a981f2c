//! A run's state and what moves it on: the queue, the batches in flight,
//! the answers, a worker's death, handing out work, delivering the hashes
//! and the end.

use super::workers::{defer_drop, get, idle_when_ready, post_batch, Slot, IDLE};
use super::{log, Ended, Job, OnEnd, OnHashed, Options, Progress, IN_FLIGHT};
use foldhash::HashMap;
use js_sys::Uint8Array;
use proget_users_core::password::batch;
use proget_users_core::password::PasswordHash;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroize;

/// A batch a worker holds: its slot, and the jobs (kept to hash elsewhere
/// if the worker dies; wiped when answered).
pub(super) struct Batch {
    pub(super) slot: usize,
    pub(super) jobs: Vec<Job>,
}

pub(super) struct Run {
    pub(super) total: usize,
    pub(super) done: usize,
    pub(super) queue: VecDeque<Job>,
    pub(super) in_flight: HashMap<u32, Batch>,
    pub(super) next_id: u32,
    pub(super) slots: Vec<Slot>,
    pub(super) options: Options,
    pub(super) running: bool,
    pub(super) on_page: bool,
    /// The live workers when the run ended (it lets go of its slots then).
    pub(super) live_at_end: usize,
}

impl Run {
    /// Workers of the run that have not died (at its end, once ended).
    pub(super) fn live_workers(&self) -> usize {
        if self.running {
            self.slots.iter().filter(|s| !s.dead).count()
        } else {
            self.live_at_end
        }
    }

    pub(super) fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.total,
        }
    }

    /// Wipes every plaintext the run still holds.
    pub(super) fn wipe(&mut self) {
        for (_, mut password) in self.queue.drain(..) {
            password.zeroize();
        }
        for (_, batch) in self.in_flight.drain() {
            for (_, mut password) in batch.jobs {
                password.zeroize();
            }
        }
    }
}

pub(super) struct Shared {
    pub(super) run: RefCell<Run>,
    pub(super) on_hashed: RefCell<Option<OnHashed>>,
    pub(super) on_end: RefCell<Option<OnEnd>>,
}

impl Shared {
    pub(super) fn on_message(shared: &Rc<Shared>, index: usize, data: &JsValue) {
        if !shared.run.borrow().running {
            return;
        }
        match get(data, "type").as_string().as_deref() {
            Some("ready") => {
                shared.run.borrow_mut().slots[index].ready = true;
                Shared::pump(shared);
            }
            Some("hashed") => Shared::on_answer(shared, index, data),
            Some("died") => Shared::on_dead(shared, index, "the hashing worker panicked"),
            Some("failed") => {
                let message = get(data, "message")
                    .as_string()
                    .unwrap_or_else(|| "the hashing worker failed".to_owned());
                Shared::end(shared, Ended::Failed(message));
            }
            _ => {}
        }
    }

    /// A batch's records: deliver them, then hand out more work.
    pub(super) fn on_answer(shared: &Rc<Shared>, index: usize, data: &JsValue) {
        let id = get(data, "id").as_f64().map(|id| id as u32);
        let batch = {
            let mut run = shared.run.borrow_mut();
            let Some(batch) = id.and_then(|id| run.in_flight.remove(&id)) else {
                return;
            };
            run.slots[index].busy -= 1;
            batch
        };
        let records = get(data, "records")
            .dyn_into::<Uint8Array>()
            .map(|r| r.to_vec())
            .unwrap_or_default();
        let hashes = batch::unpack(&records, batch.jobs.len());
        let mut indices = Vec::with_capacity(batch.jobs.len());
        for (i, mut password) in batch.jobs {
            password.zeroize();
            indices.push(i);
        }
        match hashes {
            Ok(hashes) => {
                Shared::pump(shared);
                Shared::deliver(shared, indices.into_iter().zip(hashes).collect());
            }
            Err(e) => Shared::end(shared, Ended::Failed(e.to_string())),
        }
    }

    /// A worker died or never started: its batches go back to the queue;
    /// when no worker is left, the page hashes the rest itself.
    pub(super) fn on_dead(shared: &Rc<Shared>, index: usize, why: &str) {
        let all_dead = {
            let mut run = shared.run.borrow_mut();
            if !run.running || run.slots[index].dead {
                return;
            }
            log(why);
            let slot = &mut run.slots[index];
            slot.dead = true;
            slot.busy = 0;
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            slot.worker.terminate();
            let lost: Vec<u32> = run
                .in_flight
                .iter()
                .filter(|(_, b)| b.slot == index)
                .map(|(id, _)| *id)
                .collect();
            for id in lost {
                let batch = run.in_flight.remove(&id).expect("listed above");
                for job in batch.jobs.into_iter().rev() {
                    run.queue.push_front(job);
                }
            }
            run.slots.iter().all(|s| s.dead)
        };
        let dead = shared.run.borrow_mut().slots[index].handlers.take();
        defer_drop(dead);
        if all_dead {
            Shared::hash_on_page(shared);
        } else {
            Shared::pump(shared);
        }
    }

    /// Hands batches to every ready worker that has room.
    pub(super) fn pump(shared: &Rc<Shared>) {
        let mut run = shared.run.borrow_mut();
        if !run.running || run.on_page {
            return;
        }
        let live = run
            .slots
            .iter()
            .filter(|s| s.ready && !s.dead)
            .count()
            .max(1);
        for index in 0..run.slots.len() {
            while run.slots[index].ready
                && !run.slots[index].dead
                && run.slots[index].busy < IN_FLIGHT
                && !run.queue.is_empty()
            {
                // Near the end, share what is left between the workers,
                // still in whole groups of four lanes.
                let size = run
                    .options
                    .batch
                    .min(run.queue.len().div_ceil(live).next_multiple_of(4))
                    .clamp(1, run.queue.len());
                let jobs: Vec<Job> = run.queue.drain(..size).collect();
                let id = run.next_id;
                run.next_id = run.next_id.wrapping_add(1);
                let sent = post_batch(&run.slots[index].worker, id, run.options.engine, &jobs);
                match sent {
                    Ok(()) => {
                        run.slots[index].busy += 1;
                        run.in_flight.insert(id, Batch { slot: index, jobs });
                    }
                    Err(e) => {
                        for job in jobs.into_iter().rev() {
                            run.queue.push_front(job);
                        }
                        drop(run);
                        log(&format!("could not send a batch: {e:?}"));
                        Shared::on_dead(shared, index, "the hashing worker took no work");
                        return;
                    }
                }
            }
        }
    }

    /// Passes hashes on; ends the run when the last arrived.
    pub(super) fn deliver(shared: &Rc<Shared>, hashes: Vec<(usize, PasswordHash)>) {
        let (progress, finished) = {
            let mut run = shared.run.borrow_mut();
            if !run.running {
                return;
            }
            run.done += hashes.len();
            (
                run.progress(),
                run.queue.is_empty() && run.in_flight.is_empty(),
            )
        };
        // Taken out first: it may cancel the run, so no borrow is held
        // while it runs (an `if let` would hold this one to its end).
        let on_hashed = shared.on_hashed.borrow_mut().take();
        if let Some(mut on_hashed) = on_hashed {
            on_hashed(hashes, progress);
            if shared.run.borrow().running {
                *shared.on_hashed.borrow_mut() = Some(on_hashed);
            }
        }
        if finished {
            Shared::end(shared, Ended::Done);
        }
    }

    /// Ends the run (once): workers of a finished run wait for the next
    /// one; otherwise they are terminated. Wipes what is left.
    pub(super) fn end(shared: &Rc<Shared>, ended: Ended) {
        let (progress, slots, script) = {
            let mut run = shared.run.borrow_mut();
            if !run.running {
                return;
            }
            run.live_at_end = run.live_workers();
            run.running = false;
            run.wipe();
            let script = run.options.script.clone();
            (run.progress(), std::mem::take(&mut run.slots), script)
        };
        for mut slot in slots {
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            if ended == Ended::Done && slot.ready && !slot.dead {
                IDLE.with(|idle| {
                    idle.borrow_mut()
                        .push((script.clone(), slot.worker.clone()))
                });
            } else if ended == Ended::Done && !slot.dead {
                // Still starting: terminating it would abort its loading
                // for nothing; it waits for the next run once it is ready.
                idle_when_ready(script.clone(), slot.worker.clone());
            } else if !slot.dead {
                slot.worker.terminate();
            }
            // The handler that called us may be one of these: drop them later.
            defer_drop(slot.handlers.take());
        }
        shared.on_hashed.borrow_mut().take();
        let on_end = shared.on_end.borrow_mut().take();
        if let Some(on_end) = on_end {
            on_end(ended, progress);
        }
    }
}
