//! Fuzz target `parse`: see `src/parse.rs` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::parse::check(data));
