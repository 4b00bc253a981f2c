//! Component tests of the page in headless Chromium, one module per part
//! of the page, sharing the harness in `util`: each mounts a component
//! with an editor holding a known file, then checks what a user would see
//! in the DOM. Run them with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p proget-users-editor --test page`.
#![cfg(target_arch = "wasm32")]

mod util;

mod add_user;
mod changes;
mod csv_import;
mod groups;
mod hashing;
mod history;
mod problems;
mod raw_view;
mod users_table;
mod verify;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
