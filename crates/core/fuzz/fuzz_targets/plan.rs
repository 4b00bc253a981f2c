//! Fuzz target `plan`: see `src/plan.rs` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::plan::check(data));
