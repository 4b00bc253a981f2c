//! The hashing benchmark's page (`scripts/bench-hash`; not part of the
//! editor's build): exports the page's real worker pool to the benchmark's
//! script, which times it against WebCrypto in one run of headless
//! Chromium.

#[cfg(target_arch = "wasm32")]
mod exports {
    use proget_users_core::password;
    use proget_users_editor::worker_pool::{self, Ended, Engine, Options};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;

    /// Hashes `count` passwords through the pool (`workers` 0: one per
    /// core) with `engine` ("simd", "scalar" or "webcrypto"); resolves to
    /// the milliseconds from start to the last hash, after checking a few
    /// of the hashes with the core's `verify_hash`.
    #[wasm_bindgen]
    pub fn run_pool(count: u32, workers: u32, engine: String) -> js_sys::Promise {
        let engine = match engine.as_str() {
            "scalar" => Engine::Scalar,
            "webcrypto" => Engine::WebCrypto,
            _ => Engine::Simd,
        };
        let jobs: Vec<(usize, String)> = (0..count as usize)
            .map(|i| (i, format!("bench password {i} ✓")))
            .collect();
        let options = Options {
            workers: (workers > 0).then_some(workers as usize),
            engine,
            // WebCrypto has no lanes to fill: give each worker many requests.
            batch: if engine == Engine::WebCrypto {
                64
            } else {
                worker_pool::BATCH
            },
            ..Options::default()
        };
        let results = Rc::new(RefCell::new(vec![None; count as usize]));
        let mut jobs = Some(jobs);
        js_sys::Promise::new(&mut |resolve, reject| {
            let jobs = jobs.take().expect("the promise's executor runs once");
            let started = js_sys::Date::now();
            let collected = results.clone();
            let checked = results.clone();
            worker_pool::start(
                jobs,
                options.clone(),
                move |hashes, _| {
                    let mut results = collected.borrow_mut();
                    for (i, hash) in hashes {
                        results[i] = Some(hash);
                    }
                },
                move |ended, progress| {
                    let ms = js_sys::Date::now() - started;
                    if ended != Ended::Done {
                        let _ = reject.call1(&JsValue::NULL, &format!("{ended:?}").into());
                        return;
                    }
                    let results = checked.borrow();
                    let step = (results.len() / 7).max(1);
                    for i in (0..results.len()).step_by(step) {
                        let ok = results[i].as_ref().is_some_and(|h| {
                            password::verify_hash(
                                &format!("bench password {i} ✓"),
                                &h.password_bytes,
                                &h.salt_bytes,
                            ) == Ok(true)
                        });
                        if !ok || progress.done != results.len() {
                            let _ =
                                reject.call1(&JsValue::NULL, &format!("hash {i} is wrong").into());
                            return;
                        }
                    }
                    let _ = resolve.call1(&JsValue::NULL, &ms.into());
                },
            );
        })
    }

    /// How many workers a pool starts here.
    #[wasm_bindgen]
    pub fn pool_size() -> u32 {
        worker_pool::hardware_concurrency() as u32
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
}
