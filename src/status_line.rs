//! The status line at the bottom: what the last action did, read out
//! politely, or why it failed, read out at once.

use crate::state::{Report, Status};
use leptos::prelude::*;

#[component]
pub fn StatusLine() -> impl IntoView {
    let status = Report::get();
    let info = move || match status.status() {
        Status::Info(text) => text,
        _ => String::new(),
    };
    let error = move || match status.status() {
        Status::Error(text) => text,
        _ => String::new(),
    };
    view! {
        <footer class="status-line">
            <p class="status-info" role="status" aria-live="polite">{info}</p>
            <p class="status-error" role="alert">{error}</p>
        </footer>
    }
}
