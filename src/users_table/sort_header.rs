//! A column header that sorts the table: ascending, descending, then file
//! order again.

use crate::rows::{Sort, TableColumn};
use crate::state::TableView;
use leptos::prelude::*;

#[component]
pub fn SortHeader(column: TableColumn, label: &'static str, class: &'static str) -> impl IntoView {
    let table = TableView::get();
    let state = move || Sort::aria(table.sort(), column);
    view! {
        <th scope="col" class=class aria-sort=state>
            <button type="button" class="sort" on:click=move |_| table.sort_by(column)>
                {label}
                <span class="sort-mark" aria-hidden="true">
                    {move || match state() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}
