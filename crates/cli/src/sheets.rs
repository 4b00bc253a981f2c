//! The files that hold generated passwords in plaintext: the credentials
//! sheet (`--credentials SHEET.csv`) and the printable slips (`--slips
//! SLIPS.html`). `reset` and `edit --generate` write them the same way:
//! never to standard output, each a file of its own in the same-file check,
//! readable by its owner only (even when it replaces a file others could
//! read), staged before the file with the hashes so that a failure leaves
//! none of them, and each followed by a note that it holds plaintext.

use crate::args::SlipArgs;
use crate::failure::Failure;
use crate::output::{Access, Files, Outputs};
use crate::{message, paths};
use proget_users_core::generate::{self, Credential};
use proget_users_core::slips::{self, SlipOptions};
use std::path::Path;
use zeroize::Zeroizing;

/// Where the plaintext of generated passwords goes.
pub struct Sheets<'a> {
    credentials: Option<&'a Path>,
    slips: Option<&'a Path>,
    options: SlipOptions,
}

impl<'a> Sheets<'a> {
    /// The sheet and the slips the command line names (either may be
    /// absent).
    pub fn new(credentials: Option<&'a Path>, slips: &'a SlipArgs) -> Self {
        Sheets {
            credentials,
            slips: slips.slips.as_deref(),
            options: SlipOptions {
                server: slips.server.clone().unwrap_or_default(),
                layout: slips.layout.into(),
            },
        }
    }

    /// Whether any file is named.
    pub fn any(&self) -> bool {
        self.credentials.is_some() || self.slips.is_some()
    }

    fn named(&self) -> impl Iterator<Item = (&'static str, &'a Path)> {
        [("--credentials", self.credentials), ("--slips", self.slips)]
            .into_iter()
            .filter_map(|(label, path)| Some((label, path?)))
    }

    /// Refuses `-`: passwords never go to standard output, where a
    /// terminal's scrollback or a log would keep them.
    pub fn refuse_stdio(&self, command: &str) -> Result<(), Failure> {
        match self.named().find(|(_, path)| paths::is_stdio(path)) {
            Some((label, _)) => Err(Failure::Message(format!(
                "{command} writes {label} to a file, never to standard output (-)"
            ))),
            None => Ok(()),
        }
    }

    /// `files` with the sheet and the slips added, each a file of its own:
    /// neither may be any other file the command names.
    pub fn checked_with(&self, files: Files) -> Files {
        self.named()
            .fold(files, |files, (label, path)| files.own(label, path))
    }

    /// Makes the sheet and the slips page for `credentials`. Both are
    /// wiped from memory when dropped.
    pub fn render(&self, credentials: &[Credential]) -> Rendered<'a> {
        Rendered {
            sheet: self
                .credentials
                .map(|path| (path, Zeroizing::new(generate::credentials_csv(credentials)))),
            slips: self
                .slips
                .map(|path| (path, slips::html(credentials, &self.options))),
        }
    }

    /// `the passwords to sheet.csv`, `the slips to slips.html`: what went
    /// where, for the line that says what was written.
    pub fn written(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(path) = self.credentials {
            parts.push(format!("the passwords to {}", paths::display_name(path)));
        }
        if let Some(path) = self.slips {
            parts.push(format!("the slips to {}", paths::display_name(path)));
        }
        parts
    }

    /// One note per file on standard error: it holds the `what` (`the
    /// passwords`, `the generated passwords`) in plaintext, and what to do
    /// with it; `(readable by you only)` too unless `said` (when a line
    /// before has said so).
    pub fn notes(&self, what: &str, said: bool) {
        let who = if said { "" } else { " (readable by you only)" };
        if let Some(path) = self.credentials {
            message::note(format!(
                "{} holds {what} in plaintext{who}: store it safely, \
                 and delete it once they are handed out",
                paths::display_name(path)
            ));
        }
        if let Some(path) = self.slips {
            message::note(format!(
                "{} holds {what} in plaintext{who}: open it in a browser, print it, \
                 and delete it once the slips are handed out",
                paths::display_name(path)
            ));
        }
    }
}

/// The sheet and the slips page, made and not yet written.
pub struct Rendered<'a> {
    sheet: Option<(&'a Path, Zeroizing<String>)>,
    slips: Option<(&'a Path, Zeroizing<String>)>,
}

impl Rendered<'_> {
    /// Stages each file, readable by its owner only, and wipes the text
    /// once it is in the staged file.
    pub fn stage(self, outputs: &mut Outputs) -> Result<(), Failure> {
        for (path, text) in [self.sheet, self.slips].into_iter().flatten() {
            outputs.file(path, text.as_bytes(), Access::OwnerOnly)?;
        }
        Ok(())
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
