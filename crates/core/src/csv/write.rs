//! Users out as CSV ([`to_csv`]), and the writer every CSV of the core goes
//! through ([`Sheet`], also for the [credentials
//! sheet](crate::generate::credentials_csv)): CRLF line ends, every cell
//! [defused](fn@super::defuse) and quoted where a spreadsheet could split it,
//! and no copy of a password left behind in memory.

use super::{defuse, Column, HEADER};
use crate::model::UsersFile;
use foldhash::HashSet;
use std::borrow::Cow;
use zeroize::Zeroize;

/// The users of `file` as CSV (header [`HEADER`], CRLF line ends, cells
/// [defused](fn@defuse) and quoted where needed), without secrets: the `Password`
/// column is empty. `users` picks users by exact name (unknown names are
/// ignored); `None` takes all. Users come in file order. Reading the text
/// back with [`parse_csv`](super::parse_csv) gives the same names, display names, emails and
/// groups (a group name holding `;` cannot survive that, as `;` separates
/// groups).
///
/// ```
/// use proget_users_core::{csv::to_csv, model::{User, UsersFile}};
/// let mut file = UsersFile::new();
/// let mut user = User::new("jDoe");
/// user.set_display_name(Some("=Doe, John".into()));
/// user.set_groups(vec!["Dev".into(), "Ops".into()]);
/// file.users.push(user);
/// assert_eq!(to_csv(&file, None), "Name,DisplayName,Email,Password,Groups\r\njDoe,\"'=Doe, John\",,,\"Dev;Ops\"\r\n");
/// ```
pub fn to_csv(file: &UsersFile, users: Option<&[&str]>) -> String {
    let wanted: Option<HashSet<&str>> = users.map(|u| u.iter().copied().collect());
    let chosen = || {
        file.users.iter().filter(|user| {
            wanted
                .as_ref()
                .is_none_or(|w| w.contains(user.user_name.as_str()))
        })
    };
    fn text(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or("")
    }
    let mut sheet = Sheet::new(
        HEADER,
        chosen().map(|u| {
            let groups: usize = u.groups.iter().map(|g| g.len() + 1).sum();
            u.user_name.len() + text(&u.display_name).len() + text(&u.email_address).len() + groups
        }),
        Column::ALL.len(),
    );
    for user in chosen() {
        let groups = user.groups.join(";");
        sheet.row(&[
            &user.user_name,
            text(&user.display_name),
            text(&user.email_address),
            "",
            &groups,
        ]);
    }
    sheet.finish()
}

/// A CSV being written: a header as given, then rows of cells with CRLF
/// line ends. Each cell is [defused](fn@defuse), and quoted (by `csv-core`,
/// which doubles the quotes inside) when it was defused or holds a `,`,
/// `;`, quote, tab or line break, or starts or ends with a space: a
/// spreadsheet whose list separator is `;` does not split it either. The
/// buffer is sized up front for the worst case (every character a quote),
/// so it never grows and leaves no copy of a cell (a password) behind in
/// freed memory; should it have to grow, the old buffer is wiped.
pub(crate) struct Sheet {
    out: Vec<u8>,
    len: usize,
}

impl Sheet {
    /// A sheet of `columns` columns under `header` (written as it is), for
    /// rows whose cells hold `row_sizes` bytes together.
    pub(crate) fn new(
        header: &str,
        row_sizes: impl Iterator<Item = usize>,
        columns: usize,
    ) -> Self {
        // A cell is at most 2 quotes, a `'` and twice its bytes; then the
        // separators and the line end.
        let rows: usize = row_sizes.map(|n| 2 * n + 4 * columns + 2).sum();
        let mut sheet = Sheet {
            out: vec![0; header.len() + 2 + rows],
            len: 0,
        };
        sheet.put(header.as_bytes());
        sheet.put(b"\r\n");
        sheet
    }

    /// Appends one row.
    pub(crate) fn row(&mut self, cells: &[&str]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.put(b",");
            }
            let mut cell = defuse(cell);
            let quote = matches!(cell, Cow::Owned(_))
                || cell.contains([',', ';', '"', '\r', '\n', '\t'])
                || cell.starts_with(' ')
                || cell.ends_with(' ');
            if quote {
                self.put(b"\"");
                let mut input = cell.as_bytes();
                loop {
                    let (result, read, wrote) =
                        ::csv_core::quote(input, &mut self.out[self.len..], b'"', b'\\', true);
                    self.len += wrote;
                    input = &input[read..];
                    match result {
                        ::csv_core::WriteResult::InputEmpty => break,
                        ::csv_core::WriteResult::OutputFull => self.grow(),
                    }
                }
                self.put(b"\"");
            } else {
                self.put(cell.as_bytes());
            }
            if let Cow::Owned(copy) = &mut cell {
                copy.zeroize();
            }
        }
        self.put(b"\r\n");
    }

    /// Appends bytes as they are, growing the buffer if it must.
    fn put(&mut self, bytes: &[u8]) {
        while self.out.len() - self.len < bytes.len() {
            self.grow();
        }
        self.out[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Doubles the buffer, wiping the old one.
    fn grow(&mut self) {
        let mut bigger = vec![0; self.out.len() * 2 + 64];
        bigger[..self.len].copy_from_slice(&self.out[..self.len]);
        let mut old = std::mem::replace(&mut self.out, bigger);
        old.zeroize();
    }

    /// The text written.
    pub(crate) fn finish(mut self) -> String {
        self.out.truncate(self.len);
        let out = std::mem::take(&mut self.out);
        match String::from_utf8(out) {
            Ok(text) => text,
            // Cells are text and the rest ASCII, so this is not reached.
            Err(e) => {
                let mut bytes = e.into_bytes();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes.zeroize();
                text
            }
        }
    }
}

impl Drop for Sheet {
    fn drop(&mut self) {
        self.out.zeroize();
    }
}
