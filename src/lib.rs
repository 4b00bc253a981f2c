//! The browser editor: a Leptos page over [`proget_users_core`], built for
//! wasm32 by Trunk (`index.html`; `main.rs` mounts [`App`]).
//!
//! Everything happens in the browser; the page fetches nothing but itself.
//! [`state::Editor`] holds the file and the view state in signals, and every
//! change to the file goes through [`state::Editor::apply`]. The components
//! are named for what the user sees: the [`toolbar`], the [`open_panel`] and
//! the [`raw_view`] for files that do not parse, the [`users_table`] with
//! its [`user_form`] and [`password_dialog`], the [`groups_panel`], the
//! [`hash_run`] that hashes plaintext passwords, the [`problems`] list, the
//! import plan in [`changes`], and [`download`]. Reading and saving files
//! goes through [`files`].
//!
//! The [`power_bar`] over the tabs holds the tools for many users at once:
//! undo and redo ([`history_bar`]), [`csv_import`] and [`csv_export`],
//! [`generate_dialog`] for new random passwords and [`verify_dialog`];
//! the [`compare_panel`] tab compares with a second file and merges from
//! it. Long hashing runs go in slices ([`chunked`]).
//!
//! ```no_run
//! leptos::mount::mount_to_body(proget_users_editor::app::App);
//! ```

pub mod app;
pub mod changes;
pub mod chunked;
pub mod compare_panel;
pub mod csv_export;
pub mod csv_import;
pub mod dialog;
pub mod download;
pub mod files;
pub mod generate_dialog;
pub mod groups_panel;
pub mod hash_run;
pub mod history_bar;
pub mod open_panel;
pub mod password_dialog;
pub mod power_bar;
pub mod problems;
pub mod raw_view;
pub mod state;
pub mod status_line;
pub mod toolbar;
pub mod user_form;
pub mod users_table;
pub mod verify_dialog;
pub mod worker_pool;

pub use app::App;
pub use state::Editor;

/// Mounts the editor into the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
