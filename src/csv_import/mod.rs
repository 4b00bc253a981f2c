//! Users in from CSV: choose or paste a CSV, see what it would do (users
//! added and updated, field by field, and the bad rows with their line
//! numbers), then apply. With bad rows, Apply waits until the user chooses
//! to skip them. Passwords in the CSV are hashed in slices (the page stays
//! responsive) and the whole import is one undo step.

mod preview;

pub use preview::ImportPreview;

use crate::dialog::Modal;
use crate::files::{read_file, FileChooser};
use crate::forms::{FormError, ModalActions, PasteForm};
use crate::hashing::{hash_all, Outcome};
use crate::secrets::wipe;
use crate::state::{Document, HashJob, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::csv::{self, BadRows, CsvUsers};

/// A CSV that was read, with where it came from.
#[derive(Clone, PartialEq)]
pub struct Loaded {
    /// The file's name, or `None` when pasted.
    pub name: Option<String>,
    pub csv: CsvUsers,
}

/// Overwrites the CSV's plaintext passwords, once they are no longer needed.
fn wipe_passwords(csv: &mut CsvUsers) {
    for row in &mut csv.rows {
        if let Some(p) = row.password.as_mut() {
            wipe(p);
        }
    }
}

/// Imports `csv` into the document: hashes its passwords in slices, then
/// applies everything as one edit.
pub fn import(
    document: Document,
    job: HashJob,
    report: Report,
    mut csv: CsvUsers,
    skip_bad_rows: bool,
) {
    let mode = if skip_bad_rows {
        BadRows::Skip
    } else {
        BadRows::Refuse
    };
    let jobs = csv::password_jobs(&csv);
    let rows: Vec<usize> = jobs.iter().map(|j| j.row).collect();
    // Taken, not moved: a job wipes its plaintext when dropped.
    let passwords: Vec<String> = jobs
        .into_iter()
        .map(|mut j| std::mem::take(&mut j.password))
        .collect();
    let run = hash_all(job, passwords);
    spawn_local(async move {
        let hashes = match run.await {
            Ok(hashes) => hashes,
            Err(outcome) => {
                wipe_passwords(&mut csv);
                match outcome {
                    Outcome::Cancelled { .. } => {
                        report.info("Cancelled the CSV import; nothing changed")
                    }
                    Outcome::Busy => {
                        report.error("Wait for the passwords being hashed before importing")
                    }
                    Outcome::Failed(e) => report.error(format!("Import CSV: {e}")),
                    Outcome::Done => {}
                }
                return;
            }
        };
        let _ = document.apply("Import CSV", |f| {
            csv::apply_with_hashes(f, &csv, mode, rows.into_iter().zip(hashes))
        });
        wipe_passwords(&mut csv);
    });
}

#[component]
pub fn CsvImportDialog(on_close: Callback<()>) -> impl IntoView {
    let document = Document::get();
    let job = HashJob::get();
    let report = Report::get();
    let loaded = RwSignal::new(None::<Loaded>);
    let problem = RwSignal::new(None::<String>);
    let skip = RwSignal::new(false);

    let read = move |name: Option<String>, result: Result<CsvUsers, csv::CsvError>| {
        skip.set(false);
        match result {
            Ok(csv) => {
                problem.set(None);
                loaded.set(Some(Loaded { name, csv }));
            }
            Err(e) => {
                loaded.set(None);
                let from = name.unwrap_or_else(|| "The pasted text".to_owned());
                problem.set(Some(format!("{from} could not be read: {e}")));
            }
        }
    };
    let on_file = move |file| {
        read_file(
            file,
            move |name, bytes| read(Some(name), csv::parse_csv_bytes(&bytes)),
            move |e| problem.set(Some(e)),
        )
    };
    let on_paste = Callback::new(move |text: String| read(None, csv::parse_csv(&text)));
    let preview = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref()
                .map(|l| document.read(|f| csv::preview(f, &l.csv)))
        })
    });
    let can_apply = move || {
        !job.busy()
            && preview.with(|p| {
                p.as_ref().is_some_and(|p| {
                    let changes = p.changes.users_added.len()
                        + p.changes.users_updated.len()
                        + p.changes.groups_added.len();
                    changes > 0 && (p.bad_rows.is_empty() || skip.get())
                })
            })
    };
    let apply = move |_| {
        let Some(l) = loaded.get_untracked() else {
            return;
        };
        if !can_apply() {
            return;
        }
        loaded.set(None);
        on_close.run(());
        import(document, job, report, l.csv, skip.get_untracked());
    };
    let close = Callback::new(move |()| {
        loaded.set(None);
        on_close.run(());
    });
    let source = move || {
        loaded.with(|l| {
            l.as_ref()
                .map(|l| l.name.clone().unwrap_or_else(|| "Pasted text".into()))
        })
    };

    view! {
        <Modal
            title="Import users from CSV"
            description="Columns Name, DisplayName, Email, Password and optionally Groups (separated by ;). Users are matched by name: new ones are added, existing ones updated. Passwords are hashed on import."
            on_close=on_close
        >
            <div class="csv-import">
                <div class="csv-sources">
                    <div class="csv-source">
                        <FileChooser
                            id="csv-file-input"
                            accept=".csv,text/csv,text/plain"
                            class="button"
                            label="Choose a CSV file…"
                            on_file=on_file
                        />
                        <span class="muted">{source}</span>
                    </div>
                    <PasteForm
                        id="csv-text"
                        label="Or paste the CSV"
                        button="Preview pasted CSV"
                        class="csv-paste"
                        placeholder="Name,DisplayName,Email,Password,Groups"
                        on_text=on_paste
                    />
                </div>
                <FormError message=problem />
                <Show when=move || preview.with(Option::is_some)>
                    <ImportPreview preview=preview loaded=loaded skip=skip />
                </Show>
                <ModalActions on_close=close>
                    <button type="button" class="button primary" disabled=move || !can_apply() on:click=apply>
                        "Apply"
                    </button>
                </ModalActions>
            </div>
        </Modal>
    }
}
