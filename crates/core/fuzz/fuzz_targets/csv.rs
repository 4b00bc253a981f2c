//! Fuzz target `csv`: see `src/csv.rs` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::csv::check(data));
