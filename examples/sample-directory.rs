//! Writes a generated directory-shaped export of N users (default 10,000)
//! to standard output: `cargo run --example sample-directory -- 50000`.
//! `scripts/bench-browser` opens such files in the page.

fn main() {
    let users = std::env::args()
        .nth(1)
        .map(|n| n.replace(['_', ','], "").parse::<usize>())
        .transpose()
        .unwrap_or_else(|e| {
            eprintln!("sample-directory: the number of users: {e}");
            std::process::exit(2);
        })
        .unwrap_or(10_000);
    print!("{}", proget_users_core::sample::directory(users));
}
