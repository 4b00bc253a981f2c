//! The browser editor's entry point. Trunk builds it for wasm32 and the page
//! loads it; run natively, it says so and exits with status 2.

#[cfg(target_arch = "wasm32")]
fn main() {
    proget_users::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "editor: the editor runs in the browser; build it with `trunk build --release` \
         and open dist/index.html through a web server, or use `proget-users` on the command line"
    );
    std::process::exit(2);
}
