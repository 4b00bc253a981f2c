//! The users table's view of the file: the filter, the sort, the selection
//! and a user to scroll to. The rows follow the file, the filter and the
//! sort; an edit in place recomputes them only when a filter or a sort
//! could move its users.

use crate::rows::{visible_rows, Sort, TableColumn};
use crate::state::Document;
use foldhash::HashSet;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The selected users: by index, with their names (in index order) to find
/// them again after users are added or removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Picked {
    indices: BTreeSet<usize>,
    names: Vec<String>,
    /// The document's shape when they were picked.
    shape: u64,
}

/// The table view, shared through context.
#[derive(Clone, Copy)]
pub struct TableView {
    document: Document,
    filter: RwSignal<String>,
    sort: RwSignal<Option<Sort>>,
    picked: RwSignal<Picked>,
    /// The selection as it stands in the file now.
    selection: Memo<BTreeSet<usize>>,
    /// The rows: indices into the file's users, filtered and sorted.
    rows: Memo<Vec<usize>>,
    /// The last row clicked, for shift-click ranges (its position).
    anchor: RwSignal<Option<usize>>,
    /// A user the table should scroll to.
    reveal: RwSignal<Option<usize>>,
}

impl TableView {
    pub fn new(document: Document) -> Self {
        let filter = RwSignal::new(String::new());
        let sort = RwSignal::new(None::<Sort>);
        let picked = RwSignal::new(Picked::default());
        let rows = Memo::new(move |_| {
            document.track_shape();
            let needle = filter.with(|f| f.trim().to_lowercase());
            let sort = sort.get();
            if !needle.is_empty() || sort.is_some() {
                document.track_content();
            }
            document.read_untracked(|f| visible_rows(&f.users, &needle, sort))
        });
        // Indices hold until users are added or removed; then the names
        // find the selected users again.
        let selection = Memo::new(move |_| {
            document.track_shape();
            picked.with(|p| {
                if p.shape == document.shape_version() {
                    return p.indices.clone();
                }
                let names: HashSet<&str> = p.names.iter().map(String::as_str).collect();
                document.read_untracked(|f| {
                    f.users
                        .iter()
                        .enumerate()
                        .filter(|(_, u)| names.contains(u.user_name.as_str()))
                        .map(|(i, _)| i)
                        .collect()
                })
            })
        });
        TableView {
            document,
            filter,
            sort,
            picked,
            selection,
            rows,
            anchor: RwSignal::new(None),
            reveal: RwSignal::new(None),
        }
    }

    /// The table view of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// Back to the whole list, unsorted, nothing selected (a new file).
    pub(crate) fn reset(&self) {
        self.filter.set(String::new());
        self.sort.set(None);
        self.picked.set(Picked::default());
        self.anchor.set(None);
        self.reveal.set(None);
    }

    // The rows.

    /// The rows (tracked): indices into the file's users.
    pub fn rows(&self) -> Memo<Vec<usize>> {
        self.rows
    }

    pub fn filter(&self) -> String {
        self.filter.get()
    }

    pub fn set_filter(&self, text: String) {
        self.filter.set(text);
    }

    pub fn sort(&self) -> Option<Sort> {
        self.sort.get()
    }

    /// Sorts by `column`: ascending, descending, then file order again.
    pub fn sort_by(&self, column: TableColumn) {
        self.sort.update(|s| *s = Sort::next(*s, column));
    }

    // The selection.

    /// The selected users, by index (tracked).
    pub fn selection(&self) -> Memo<BTreeSet<usize>> {
        self.selection
    }

    /// How many users are selected (tracked).
    pub fn selected_count(&self) -> usize {
        self.selection.with(BTreeSet::len)
    }

    pub fn is_selected(&self, index: usize) -> bool {
        self.selection.with(|s| s.contains(&index))
    }

    /// The names of the selected users, in file order (not tracked: for
    /// event handlers).
    pub fn selected_names(&self) -> Vec<String> {
        self.document.read_untracked(|f| {
            self.selection.with_untracked(|s| {
                s.iter()
                    .filter_map(|&i| f.users.get(i).map(|u| u.user_name.clone()))
                    .collect()
            })
        })
    }

    fn pick(&self, indices: BTreeSet<usize>) {
        let names = self.document.read_untracked(|f| {
            indices
                .iter()
                .filter_map(|&i| f.users.get(i).map(|u| u.user_name.clone()))
                .collect()
        });
        let shape = self.document.shape_version();
        self.picked.set(Picked {
            indices,
            names,
            shape,
        });
    }

    /// Selects exactly these users.
    pub fn select_only(&self, indices: impl IntoIterator<Item = usize>) {
        self.pick(indices.into_iter().collect());
    }

    pub fn clear_selection(&self) {
        self.pick(BTreeSet::new());
    }

    /// Selects (or, with `select` false, deselects) these users, keeping
    /// the rest of the selection.
    pub fn select(&self, indices: &[usize], select: bool) {
        let mut now = self.selection.get_untracked();
        for &i in indices {
            if select {
                now.insert(i);
            } else {
                now.remove(&i);
            }
        }
        self.pick(now);
    }

    /// Whether every row shown is selected (tracked).
    pub fn all_shown_selected(&self) -> bool {
        self.rows.with(|rows| {
            !rows.is_empty() && self.selection.with(|s| rows.iter().all(|i| s.contains(i)))
        })
    }

    /// Whether some row shown is selected (tracked).
    pub fn some_shown_selected(&self) -> bool {
        self.rows
            .with(|rows| self.selection.with(|s| rows.iter().any(|i| s.contains(i))))
    }

    /// Selects every row shown, or deselects them when all are.
    pub fn toggle_all_shown(&self) {
        let select = !self.all_shown_selected();
        let rows = self.rows.get_untracked();
        self.select(&rows, select);
    }

    /// A click on the checkbox of the row at `position` (showing user
    /// `index`): toggles it, or with `range` everything from the last
    /// clicked row to it.
    pub fn click_row(&self, position: usize, index: usize, range: bool) {
        let select = !self.selection.with_untracked(|s| s.contains(&index));
        match self.anchor.get_untracked().filter(|_| range) {
            Some(from) => {
                let (a, b) = (from.min(position), from.max(position));
                let picked = self
                    .rows
                    .with_untracked(|rows| rows.get(a..=b).unwrap_or_default().to_vec());
                self.select(&picked, select);
            }
            None => self.select(&[index], select),
        }
        self.anchor.set(Some(position));
    }

    // Scrolling.

    /// The user the table should scroll to, if one was asked for (tracked).
    pub fn revealing(&self) -> Option<usize> {
        self.reveal.get()
    }

    pub(crate) fn revealed(&self) {
        self.reveal.set(None);
    }

    /// Scrolls the table to a user (clearing a filter that hides it) and,
    /// with `select`, makes it the only selected user. The caller shows
    /// the users tab.
    pub fn reveal(&self, index: usize, select: bool) {
        if self.document.read_untracked(|f| index >= f.users.len()) {
            return;
        }
        if !self.rows.with_untracked(|r| r.contains(&index)) {
            self.filter.set(String::new());
        }
        if select {
            self.select_only([index]);
        }
        self.reveal.set(Some(index));
    }
}
