//! Keyboard movement, without a browser: where an arrow key, Home, End or
//! Page Up/Down takes the focus among the tabs (the WAI-ARIA tabs pattern)
//! and among the rows of the users table (the grid pattern), and how far
//! the table must scroll to show the row that has the focus.

use crate::rows::ROW_HEIGHT;

/// A key that moves the focus in a list of items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Previous,
    Next,
    First,
    Last,
    /// Back by a page of items (the table: the rows in view).
    PageBack,
    /// Forward by a page of items.
    PageForward,
}

impl Move {
    /// The move a key makes in a row of items, such as tabs: Left and
    /// Right arrows, Home and End.
    pub fn horizontal(key: &str) -> Option<Move> {
        match key {
            "ArrowLeft" => Some(Move::Previous),
            "ArrowRight" => Some(Move::Next),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            _ => None,
        }
    }

    /// The move a key makes in a column of items, such as table rows: Up
    /// and Down arrows, Home and End, Page Up and Page Down.
    pub fn vertical(key: &str) -> Option<Move> {
        match key {
            "ArrowUp" => Some(Move::Previous),
            "ArrowDown" => Some(Move::Next),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            "PageUp" => Some(Move::PageBack),
            "PageDown" => Some(Move::PageForward),
            _ => None,
        }
    }

    /// Where the move takes the focus from `current` among `count` items:
    /// `wrap` goes round from the last item to the first and back (tabs do,
    /// table rows stop at the ends); a page is `page` items (at least one).
    /// `None` when there are no items.
    pub fn apply(self, current: usize, count: usize, wrap: bool, page: usize) -> Option<usize> {
        let last = count.checked_sub(1)?;
        let current = current.min(last);
        let page = page.max(1);
        Some(match self {
            Move::First => 0,
            Move::Last => last,
            Move::Previous if current == 0 => {
                if wrap {
                    last
                } else {
                    0
                }
            }
            Move::Previous => current - 1,
            Move::Next if current == last => {
                if wrap {
                    0
                } else {
                    last
                }
            }
            Move::Next => current + 1,
            Move::PageBack => current.saturating_sub(page),
            Move::PageForward => current.saturating_add(page).min(last),
        })
    }
}

/// How many whole rows a table viewport of `viewport` pixels, under a
/// sticky header `header` pixels tall, shows (at least one): a page.
pub fn rows_per_page(viewport: f64, header: f64) -> usize {
    (((viewport - header) / ROW_HEIGHT).floor() as usize).max(1)
}

/// The scroll position that brings the row at `position` wholly into view
/// in a viewport `viewport` pixels tall scrolled to `scroll_top`, whose
/// first `header` pixels the sticky header covers; `None` when the row is
/// already wholly in view.
pub fn scroll_into_view(
    position: usize,
    scroll_top: f64,
    viewport: f64,
    header: f64,
) -> Option<f64> {
    // The rows start under the header, in the scrolled content.
    let top = header + position as f64 * ROW_HEIGHT;
    let bottom = top + ROW_HEIGHT;
    if top < scroll_top + header {
        Some((top - header).max(0.0))
    } else if bottom > scroll_top + viewport {
        Some((bottom - viewport).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_take_left_right_home_end_and_wrap_round() {
        let tab = |key, from| Move::horizontal(key).and_then(|m| m.apply(from, 4, true, 1));
        assert_eq!(tab("ArrowRight", 0), Some(1));
        assert_eq!(tab("ArrowRight", 3), Some(0));
        assert_eq!(tab("ArrowLeft", 0), Some(3));
        assert_eq!(tab("ArrowLeft", 2), Some(1));
        assert_eq!(tab("Home", 2), Some(0));
        assert_eq!(tab("End", 1), Some(3));
        // Up and Down are not tab keys; nor is Tab itself.
        assert_eq!(tab("ArrowDown", 1), None);
        assert_eq!(tab("Tab", 1), None);
    }

    #[test]
    fn rows_take_up_down_home_end_and_pages_and_stop_at_the_ends() {
        let row = |key, from| Move::vertical(key).and_then(|m| m.apply(from, 100, false, 10));
        assert_eq!(row("ArrowDown", 0), Some(1));
        assert_eq!(row("ArrowDown", 99), Some(99));
        assert_eq!(row("ArrowUp", 0), Some(0));
        assert_eq!(row("ArrowUp", 50), Some(49));
        assert_eq!(row("Home", 50), Some(0));
        assert_eq!(row("End", 0), Some(99));
        assert_eq!(row("PageDown", 95), Some(99));
        assert_eq!(row("PageDown", 5), Some(15));
        assert_eq!(row("PageUp", 5), Some(0));
        assert_eq!(row("PageUp", 50), Some(40));
        assert_eq!(row("ArrowLeft", 3), None);
    }

    #[test]
    fn a_focus_past_the_end_of_a_shorter_list_comes_back_to_it() {
        // The filter shrank the list under the focused row.
        assert_eq!(Move::Previous.apply(500, 3, false, 1), Some(1));
        assert_eq!(Move::Next.apply(500, 3, false, 1), Some(2));
        assert_eq!(Move::Next.apply(0, 0, false, 1), None);
        assert_eq!(Move::First.apply(0, 0, true, 1), None);
        // A page of zero rows still moves one.
        assert_eq!(Move::PageForward.apply(0, 3, false, 0), Some(1));
    }

    #[test]
    fn the_table_scrolls_only_as_far_as_the_focused_row_needs() {
        let header = 38.0;
        let viewport = header + 10.0 * ROW_HEIGHT;
        assert_eq!(rows_per_page(viewport, header), 10);
        assert_eq!(rows_per_page(10.0, header), 1);
        // Rows 0 to 9 are in view at the top.
        assert_eq!(scroll_into_view(0, 0.0, viewport, header), None);
        assert_eq!(scroll_into_view(9, 0.0, viewport, header), None);
        // Row 10 is just below: scroll by one row.
        assert_eq!(
            scroll_into_view(10, 0.0, viewport, header),
            Some(ROW_HEIGHT)
        );
        // Row 3 is above when scrolled to row 5: it comes to the top, under the header.
        assert_eq!(
            scroll_into_view(3, 5.0 * ROW_HEIGHT, viewport, header),
            Some(3.0 * ROW_HEIGHT)
        );
        // The last of 50,000 rows, from the top.
        let end = scroll_into_view(49_999, 0.0, viewport, header).unwrap();
        assert_eq!(end, 50_000.0 * ROW_HEIGHT - 10.0 * ROW_HEIGHT);
    }
}
