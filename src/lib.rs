//! The browser editor: a Leptos page over [`proget_users_core`], built for
//! wasm32 by Trunk (`index.html`; `main.rs` mounts [`App`]).
//!
//! Everything happens in the browser; the page fetches nothing but itself.
//!
//! - [`state`]: the page's state, split by concern (the document, the
//!   navigation, the table view, the hashing job, the whole-file views, the
//!   comparison, the status line), each provided through context on its
//!   own, read through tracked getters and changed through methods.
//! - Page logic that needs no browser, tested natively: [`rows`] (filter,
//!   sort, the rows in view), [`keys`] (where arrow keys move the focus),
//!   [`group_rows`], [`problem_lines`], [`labels`].
//! - [`hashing`]: the one driver that hashes passwords in slices, with
//!   progress and Cancel.
//! - [`strength`]: weak-password warnings, scored in a Web Worker of their
//!   own (zxcvbn is too large for the page's first load).
//! - Components, named for what the user sees: the [`toolbar`], the
//!   [`open_panel`] and the [`raw_view`] for a text that did not parse, the
//!   [`workspace`] with its tabs: the [`users_table`] (with the
//!   [`user_form`] and the [`password_dialog`]), the [`groups_panel`], the
//!   import plan in [`changes`], and [`compare`]; over the tabs the
//!   [`tools_bar`] ([`history_buttons`], [`csv_import`], [`csv_export`],
//!   [`generate`], [`verify_dialog`]) and the [`hash_banner`]; at the side
//!   [`download`] and [`problems`]. Shared pieces: [`forms`], [`dialog`],
//!   [`files`], [`unsaved`], [`secrets`].
//!
//! ```no_run
//! leptos::mount::mount_to_body(proget_users_editor::App);
//! ```

pub mod app;
pub mod changes;
pub mod compare;
pub mod csv_export;
pub mod csv_import;
pub mod deferred;
pub mod dialog;
pub mod download;
pub mod files;
pub mod forms;
pub mod generate;
pub mod group_rows;
pub mod groups_panel;
pub mod hash_banner;
pub mod hashing;
pub mod history_buttons;
pub mod keys;
pub mod labels;
pub mod open_panel;
pub mod password_dialog;
pub mod problem_lines;
pub mod problems;
pub mod raw_view;
pub mod rows;
pub mod secrets;
pub mod state;
pub mod status_line;
pub mod strength;
pub mod toolbar;
pub mod tools_bar;
pub mod unsaved;
pub mod user_form;
pub mod users_table;
pub mod verify_dialog;
pub mod worker_pool;
pub mod workspace;

pub use app::App;

/// Mounts the editor into the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
