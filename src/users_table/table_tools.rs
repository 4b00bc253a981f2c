//! Over the table: the filter, how many users it shows, and "Add user…".

use crate::labels::shown_count;
use crate::state::{Document, HashJob, TableView};
use leptos::prelude::*;

#[component]
pub fn TableTools(on_add: Callback<()>, to_top: Trigger) -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let job = HashJob::get();
    let count = move || shown_count(table.rows().with(Vec::len), document.users_len());
    view! {
        <div class="table-tools">
            <label class="filter">
                <span class="visually-hidden">"Filter users"</span>
                <input
                    type="search"
                    placeholder="Filter by name, email, group or password"
                    prop:value=move || table.filter()
                    on:input=move |ev| {
                        table.set_filter(event_target_value(&ev));
                        to_top.notify();
                    }
                />
            </label>
            <span class="muted count" aria-live="polite">{count}</span>
            <span class="grow"></span>
            <button
                type="button"
                class="button primary"
                disabled=move || job.busy()
                on:click=move |_| on_add.run(())
            >
                "Add user…"
            </button>
        </div>
    }
}
