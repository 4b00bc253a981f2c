//! The table itself: its header (select all, the sort headers) and only
//! the rows in view, between two spacers as tall as the rows left out.

use crate::rows::{scroll_to_row, visible_range, TableColumn, ROW_HEIGHT, ROW_PX};
use crate::state::{Document, TableView};
use crate::users_table::row_keys::RowKeys;
use crate::users_table::{SortHeader, UserRow};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

#[component]
pub fn VirtualRows(password_for: RwSignal<Option<String>>, to_top: Trigger) -> impl IntoView {
    let document = Document::get();
    let table = TableView::get();
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(640.0_f64);
    let rows = table.rows();
    // The row whose name cell is the table's one tab stop (a place in the
    // list, brought back into it when the list gets shorter).
    let current = RwSignal::new(0_usize);
    let tab_stop = Signal::derive(move || current.get().min(rows.with(Vec::len).saturating_sub(1)));
    let keys = RowKeys {
        scroller,
        rows,
        current,
    };

    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            let height = (el.client_height() as f64).min(window_height());
            viewport.set(height.max(ROW_HEIGHT));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    // A new filter shows its rows from the top.
    Effect::new(move |_| {
        to_top.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        measure();
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Scrolls to a user the problems list asked for.
    Effect::new(move |_| {
        let Some(index) = table.revealing() else {
            return;
        };
        let Some(el) = scroller.get() else { return };
        if let Some(position) = rows.with_untracked(|r| r.iter().position(|&i| i == index)) {
            el.set_scroll_top(scroll_to_row(position, viewport.get_untracked()) as i32);
            measure();
        }
        table.revealed();
    });

    let slice =
        Memo::new(move |_| visible_range(rows.with(Vec::len), scroll_top.get(), viewport.get()));
    let visible = move || {
        let (first, end) = slice.get();
        rows.with(|rows| {
            rows[first..end]
                .iter()
                .enumerate()
                .map(|(k, &index)| (first + k, index))
                .collect::<Vec<_>>()
        })
    };
    let shown = move || rows.with(Vec::len);
    // Whole pixels, formatted as integers (no float printer in the wasm).
    let above = move || format!("{}px", slice.get().0 * ROW_PX);
    let below = move || format!("{}px", (shown() - slice.get().1) * ROW_PX);

    view! {
        <div class="table-scroll" node_ref=scroller tabindex="-1" on:scroll=move |_| measure()>
            <table
                class="users-table"
                role="grid"
                aria-label="Users"
                aria-rowcount=move || (shown() + 1).to_string()
                aria-multiselectable="true"
                on:keydown=move |ev| keys.key(&ev, table, measure)
                on:focusin=move |ev| keys.focus_in(&ev)
            >
                <colgroup>
                    <col class="c-check" />
                    <col class="c-name" />
                    <col class="c-display" />
                    <col class="c-email" />
                    <col class="c-groups" />
                    <col class="c-password" />
                </colgroup>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="check">
                            <input
                                type="checkbox"
                                aria-label="Select all shown users"
                                prop:checked=move || table.all_shown_selected()
                                prop:indeterminate=move || {
                                    table.some_shown_selected() && !table.all_shown_selected()
                                }
                                disabled=move || shown() == 0
                                on:change=move |_| table.toggle_all_shown()
                            />
                        </th>
                        <SortHeader column=TableColumn::UserName label="User name" class="name" />
                        <SortHeader column=TableColumn::DisplayName label="Display name" class="display" />
                        <SortHeader column=TableColumn::Email label="Email" class="email" />
                        <SortHeader column=TableColumn::Groups label="Groups" class="groups" />
                        <SortHeader column=TableColumn::Password label="Password" class="password" />
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=above></tr>
                    <For
                        each=visible
                        key=|row| *row
                        children=move |(position, index)| {
                            view! { <UserRow position=position index=index password_for=password_for tab_stop=tab_stop /> }
                        }
                    />
                    <tr class="spacer" aria-hidden="true" style:height=below></tr>
                </tbody>
            </table>
            <Show when=move || shown() == 0>
                <p class="empty">
                    {move || {
                        if document.users_len() == 0 {
                            "No users yet. Add one to begin."
                        } else {
                            "No user matches the filter."
                        }
                    }}
                </p>
            </Show>
        </div>
    }
}
