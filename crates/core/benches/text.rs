//! How fast and how compactly the core reads and writes text, whatever its
//! layout: a generated 50,000-user directory indented as ProGet writes it,
//! on one line (as `jq -c` and minifiers write it), with CRLF line ends,
//! and with CR-only line ends. serde_json reading the same text into a
//! `Value` is the yardstick.
//!
//! ```text
//! cargo bench --bench text
//! TEXT_BENCH_USERS=5000 cargo bench --bench text   # another size
//! TEXT_BENCH_LAYOUTS="one line,CR only" cargo bench --bench text
//! ```
//!
//! Memory is measured in-process by a counting allocator: the peak of live
//! heap bytes while reading, and the heap the result keeps, each also as a
//! multiple of the file's size. It prints figures and asserts nothing about
//! speed: speed targets belong here, not in timed tests.

use proget_users_core::model::User;
use proget_users_core::parse::parse;
use proget_users_core::sample;
use proget_users_core::write::to_json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const RUNS: u32 = 5;

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System::alloc`'s.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System::dealloc`'s.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is `System::realloc`'s.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grow(new_size);
        }
        new
    }
}

fn grow(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` once and returns its result with the peak heap it added above
/// what was live before, and the heap its result still holds.
fn memory<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    (result, peak, kept)
}

fn main() {
    let users = std::env::var("TEXT_BENCH_USERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let indented = sample::directory(users);
    let layouts = [
        ("indented", indented.clone()),
        ("one line", sample::one_line(&indented)),
        ("CRLF", sample::with_line_ends(&indented, "\r\n")),
        ("CR only", sample::with_line_ends(&indented, "\r")),
    ];
    let only = std::env::var("TEXT_BENCH_LAYOUTS").unwrap_or_default();
    let layouts = layouts
        .into_iter()
        .filter(|(name, _)| only.is_empty() || only.split(',').any(|o| o.trim() == *name));
    println!(
        "{users} users, {} groups; {RUNS} runs each, averaged",
        sample::GROUPS
    );
    for (name, text) in layouts {
        let text = &text;
        let mb = text.len() as f64 / 1e6;
        println!("\n{name}: {mb:.1} MB");
        let yardstick = time("  serde_json -> Value", || {
            serde_json::from_str::<serde_json::Value>(black_box(text)).unwrap()
        });
        let read = time("  parse", || parse(black_box(text.as_bytes())).unwrap());
        let written = time("  write (untouched)", || to_json(black_box(&read.1.file)));
        let same = written.1 == *text;
        println!(
            "  written back: {}",
            if same {
                "the same bytes"
            } else {
                "DIFFERENT bytes"
            }
        );
        let mut edited = read.1.file.clone();
        for user in edited.users.iter_mut().step_by(10) {
            user.set_display_name(Some("Renamed".into()));
            user.groups.push("Group 999".into());
        }
        edited
            .users
            .extend((0..1000).map(|i| User::new(format!("new{i}"))));
        time("  write (every 10th user edited, 1,000 added)", || {
            to_json(black_box(&edited))
        });
        println!(
            "  parse / serde_json: {:.2}x",
            read.0.as_secs_f64() / yardstick.0.as_secs_f64()
        );
        drop((yardstick, read, written));

        let (parsed, peak, kept) = memory(|| parse(text.as_bytes()).unwrap());
        let of_file = |bytes: usize| bytes as f64 / text.len() as f64;
        println!(
            "  memory of parse: peak {:.1} MiB ({:.1}x the file), kept {:.1} MiB ({:.1}x)",
            mib(peak),
            of_file(peak),
            mib(kept),
            of_file(kept)
        );
        let (_, peak, _) = memory(|| {
            serde_json::from_str::<serde_json::Value>(text).map(|v| black_box(v).is_null())
        });
        println!(
            "  memory of serde_json -> Value: peak {:.1} MiB ({:.1}x)",
            mib(peak),
            of_file(peak)
        );
        drop(parsed);
    }
}

/// Runs `f` once to warm up, then [`RUNS`] times; prints and returns the
/// average time with the last result.
fn time<T>(label: &str, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut result = f();
    let started = Instant::now();
    for _ in 0..RUNS {
        result = black_box(f());
    }
    let average = started.elapsed() / RUNS;
    println!("{label}: {:.1} ms", average.as_secs_f64() * 1000.0);
    (average, result)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
