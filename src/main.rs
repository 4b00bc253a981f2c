//! The browser editor's entry point: Trunk builds it for wasm32 and the page
//! loads it (see `index.html`).

fn main() {
    proget_users_editor::mount();
}
