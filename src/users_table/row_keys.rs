//! The users table's keys (the WAI-ARIA grid pattern): the user name cell
//! of one row is the table's tab stop; Up and Down move it a row, Page Up
//! and Page Down a page, Home and End (with or without Ctrl) to the first
//! and last row; Space toggles the row's selection (Shift+Space selects
//! the rows from the last one toggled). The rows are virtualised: a move to
//! a row not rendered scrolls it into view first, then focuses it once it
//! is drawn. Keys typed in the text fields of a row stay theirs.

use crate::keys::{rows_per_page, scroll_into_view, Move};
use crate::state::TableView;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What the keys act on: the scrolling box, the rows shown (user indices
/// in order) and the row holding the tab stop.
#[derive(Clone, Copy)]
pub struct RowKeys {
    pub scroller: NodeRef<html::Div>,
    pub rows: Memo<Vec<usize>>,
    pub current: RwSignal<usize>,
}

impl RowKeys {
    /// A focus that lands in a row (a click, Tab) makes it the tab stop.
    pub fn focus_in(self, ev: &web_sys::FocusEvent) {
        if let Some((_, position, _)) = row_of(ev.target()) {
            self.current.set(position);
        }
    }

    /// A key pressed in the table; `scrolled` re-reads the scroll position.
    pub fn key(self, ev: &KeyboardEvent, table: TableView, scrolled: impl Fn()) {
        if ev.alt_key() || ev.meta_key() || typing_in(ev.target()) {
            return;
        }
        let Some((cell, position, index)) = row_of(ev.target()) else {
            return;
        };
        let key = ev.key();
        if key == " " && !ev.ctrl_key() {
            // Space on the name cell; the checkbox and buttons have their own.
            if cell.class_list().contains("name") {
                ev.prevent_default();
                table.click_row(position, index, ev.shift_key());
            }
            return;
        }
        if ev.ctrl_key() && key != "Home" && key != "End" {
            return;
        }
        let Some(step) = Move::vertical(&key) else {
            return;
        };
        let Some(el) = self.scroller.get_untracked() else {
            return;
        };
        let header = el
            .query_selector("thead")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<HtmlElement>().ok())
            .map_or(0.0, |h| h.offset_height() as f64);
        let viewport = el.client_height() as f64;
        let count = self.rows.with_untracked(Vec::len);
        let Some(to) = step.apply(position, count, false, rows_per_page(viewport, header)) else {
            return;
        };
        ev.prevent_default();
        self.current.set(to);
        if let Some(top) = scroll_into_view(to, el.scroll_top() as f64, viewport, header) {
            el.set_scroll_top(top.round() as i32);
            scrolled();
        }
        focus_when_drawn(self.scroller, to, 2);
    }
}

/// Focuses the name cell of the row at `position` once the page has drawn
/// it (after the next frame; `tries` more frames if it is not there yet).
fn focus_when_drawn(scroller: NodeRef<html::Div>, position: usize, tries: u8) {
    request_animation_frame(move || {
        let cell = scroller.get_untracked().and_then(|el| {
            el.query_selector(&format!("tr[data-position=\"{position}\"] td.name"))
                .ok()
                .flatten()
        });
        match cell.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
            Some(cell) => {
                let _ = cell.focus();
            }
            None if tries > 0 => focus_when_drawn(scroller, position, tries - 1),
            None => {}
        }
    });
}

/// The cell an event came from, with its row's place in the list and its
/// user's index in the file (from the row's `data-position` and
/// `data-index`).
fn row_of(target: Option<web_sys::EventTarget>) -> Option<(Element, usize, usize)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let cell = el.closest("td, th").ok()??;
    let row = cell.closest("tr[data-position]").ok()??;
    let position = row.get_attribute("data-position")?.parse().ok()?;
    let index = row.get_attribute("data-index")?.parse().ok()?;
    Some((cell, position, index))
}

/// Whether the event comes from a text field, whose keys move its caret.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => el.get_attribute("type").as_deref() != Some("checkbox"),
        _ => false,
    }
}
