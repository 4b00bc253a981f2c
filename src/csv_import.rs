//! Users in from CSV: choose or paste a CSV, see what it would do (users
//! added and updated, field by field, and the bad rows with their line
//! numbers), then apply. With bad rows, Apply waits until the user chooses
//! to skip them. Passwords in the CSV are hashed in slices (the page stays
//! responsive) and the whole import is one undo step.

use crate::changes::update_lines;
use crate::chunked::{hash_in_slices, Hashed};
use crate::dialog::Modal;
use crate::files::{read_file, FileChooser};
use crate::password_dialog::wipe;
use crate::state::{plural, Editor, Status};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::csv::{self, BadRows, CsvUsers};

/// How many users each list of the preview shows; the rest are counted.
const LIMIT: usize = 200;

/// A CSV that was read, with where it came from.
#[derive(Clone, PartialEq)]
struct Loaded {
    /// The file's name, or `None` when pasted.
    name: Option<String>,
    csv: CsvUsers,
}

/// Overwrites the CSV's plaintext passwords, once they are no longer needed.
fn wipe_passwords(csv: &mut CsvUsers) {
    for row in &mut csv.rows {
        if let Some(p) = row.password.as_mut() {
            wipe(p);
        }
    }
}

/// Imports `csv` into the editor's file: hashes its passwords in slices,
/// then applies everything as one edit.
pub fn import(editor: Editor, mut csv: CsvUsers, skip_bad_rows: bool) {
    let mode = if skip_bad_rows {
        BadRows::Skip
    } else {
        BadRows::Refuse
    };
    spawn_local(async move {
        let jobs = csv::password_jobs(&csv);
        let rows: Vec<usize> = jobs.iter().map(|j| j.row).collect();
        let passwords: Vec<String> = jobs
            .into_iter()
            .map(|mut j| std::mem::take(&mut j.password))
            .collect();
        let hashes = if passwords.is_empty() {
            Vec::new()
        } else {
            match hash_in_slices(editor, passwords).await {
                Hashed::Done(hashes) => hashes,
                Hashed::Cancelled => {
                    wipe_passwords(&mut csv);
                    editor.status.set(Status::Info(
                        "Cancelled the CSV import; nothing changed".into(),
                    ));
                    return;
                }
                Hashed::Busy => {
                    wipe_passwords(&mut csv);
                    editor.status.set(Status::Error(
                        "Wait for the passwords being hashed before importing".into(),
                    ));
                    return;
                }
                Hashed::Failed(e) => {
                    wipe_passwords(&mut csv);
                    editor.status.set(Status::Error(format!("Import CSV: {e}")));
                    return;
                }
            }
        };
        let _ = editor.apply_any("Import CSV", |f| {
            csv::apply_with_hashes(f, &csv, mode, rows.into_iter().zip(hashes))
        });
        wipe_passwords(&mut csv);
    });
}

#[component]
pub fn CsvImportDialog(on_close: Callback<()>) -> impl IntoView {
    let editor = Editor::get();
    let pasted = NodeRef::<html::Textarea>::new();
    let loaded = RwSignal::new(None::<Loaded>);
    let problem = RwSignal::new(None::<String>);
    let skip = RwSignal::new(false);
    let paste_empty = RwSignal::new(true);

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
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(area) = pasted.get() else { return };
        read(None, csv::parse_csv(&area.value()));
    };

    let preview = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref()
                .map(|l| editor.file.with(|f| csv::preview(f, &l.csv)))
        })
    });
    let passwords = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref().map_or(0, |l| {
                l.csv.rows.iter().filter(|r| r.password.is_some()).count()
            })
        })
    });
    let bad = move || preview.with(|p| p.as_ref().map_or(0, |p| p.bad_rows.len()));
    let changes = move || {
        preview.with(|p| {
            p.as_ref().map_or(0, |p| {
                p.changes.users_added.len()
                    + p.changes.users_updated.len()
                    + p.changes.groups_added.len()
            })
        })
    };
    let busy = move || editor.hashing.with(Option::is_some);
    let can_apply = move || !busy() && changes() > 0 && (bad() == 0 || skip.get());
    let apply = move |_| {
        let Some(l) = loaded.get_untracked() else {
            return;
        };
        if !can_apply() {
            return;
        }
        loaded.set(None);
        if let Some(area) = pasted.get_untracked() {
            area.set_value("");
        }
        on_close.run(());
        import(editor, l.csv, skip.get_untracked());
    };
    let close = move |_| {
        loaded.set(None);
        on_close.run(());
    };

    let card = |label: &'static str, n: Signal<usize>, class: &'static str| {
        view! {
            <div class=format!("count-card {class}")>
                <dt>{label}</dt>
                <dd>{move || n.get()}</dd>
            </div>
        }
    };
    let count = move |f: fn(&csv::CsvPreview) -> usize| {
        Signal::derive(move || preview.with(|p| p.as_ref().map_or(0, f)))
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
                            <span class="muted">
                                {move || {
                                    loaded
                                        .with(|l| {
                                            l.as_ref()
                                                .map(|l| {
                                                    l.name.clone().unwrap_or_else(|| "Pasted text".into())
                                                })
                                        })
                                }}
                            </span>
                        </div>
                        <form class="csv-paste" on:submit=on_paste>
                            <label for="csv-text">"Or paste the CSV"</label>
                            <textarea
                                node_ref=pasted
                                id="csv-text"
                                rows="4"
                                spellcheck="false"
                                autocomplete="off"
                                placeholder="Name,DisplayName,Email,Password,Groups"
                                on:input=move |ev| {
                                    paste_empty.set(event_target_value(&ev).trim().is_empty())
                                }
                            ></textarea>
                            <button type="submit" class="button" disabled=move || paste_empty.get()>
                                "Preview pasted CSV"
                            </button>
                        </form>
                    </div>
                    <p class="form-error" role="alert">{move || problem.get()}</p>
                    <Show when=move || preview.with(Option::is_some)>
                        <section class="csv-preview" aria-label="Preview">
                            <dl class="count-cards">
                                {card("Added", count(|p| p.changes.users_added.len()), "added")}
                                {card("Updated", count(|p| p.changes.users_updated.len()), "updated")}
                                {card("Unchanged", count(|p| p.unchanged.len()), "")}
                                {card("New groups", count(|p| p.changes.groups_added.len()), "")}
                                {card("Bad rows", count(|p| p.bad_rows.len()), "bad")}
                            </dl>
                            <Show when=move || { passwords.get() > 0 }>
                                <p class="hint">
                                    {move || {
                                        format!(
                                            "{} will be hashed on import; the plaintext is not kept.",
                                            plural(passwords.get(), "password", "passwords"),
                                        )
                                    }}
                                </p>
                            </Show>
                            <Show when=move || { bad() > 0 }>
                                <div class="bad-rows" role="group" aria-label="Bad rows">
                                    <h3>
                                        {move || {
                                            format!(
                                                "{} cannot be imported",
                                                plural(bad(), "row", "rows"),
                                            )
                                        }}
                                    </h3>
                                    <ul class="bad-row-list">
                                        {move || {
                                            preview
                                                .with(|p| {
                                                    p.as_ref()
                                                        .map(|p| {
                                                            p.bad_rows
                                                                .iter()
                                                                .take(LIMIT)
                                                                .map(|e| {
                                                                    view! {
                                                                        <li class="bad-row">
                                                                            <span class="problem-place">
                                                                                {format!("Line {}", e.line)}
                                                                            </span>
                                                                            <span>{e.problem.to_string()}</span>
                                                                        </li>
                                                                    }
                                                                })
                                                                .collect_view()
                                                        })
                                                })
                                        }}
                                    </ul>
                                    <label class="check-label">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || skip.get()
                                            on:change=move |ev| skip.set(event_target_checked(&ev))
                                        />
                                        {move || format!("Skip {}", plural(bad(), "bad row", "bad rows"))}
                                    </label>
                                </div>
                            </Show>
                            <div class="csv-changes">
                                {move || {
                                    preview
                                        .with(|p| {
                                            p.as_ref()
                                                .map(|p| {
                                                    let added = p.changes.users_added.clone();
                                                    let updated = p.changes.users_updated.clone();
                                                    let groups = p.changes.groups_added.clone();
                                                    view! {
                                                        {(!added.is_empty())
    .then(|| {
    view! {
    <div class="change-group added">
                                                                <h3>"Users to add"</h3>
                                                                <ul class="change-list">
                                                                    {added
                                                                        .iter()
                                                                        .take(LIMIT)
                                                                        .map(|n| {
                                                                            view! {
                                                                                <li>
                                                                                    <span class="kind">"add"</span>
                                                                                    <span class="what">{n.clone()}</span>
                                                                                </li>
                                                                            }
                                                                        })
                                                                        .collect_view()}
                                                                </ul>
                                                            </div>
    }
    })}
                                                        {(!updated.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <div class="change-group updated">
                                                                        <h3>"Users to update"</h3>
                                                                        <ul class="change-list">
                                                                            {updated
                                                                                .iter()
                                                                                .take(LIMIT)
                                                                                .map(|u| {
                                                                                    view! {
                                                                                        <li>
                                                                                            <span class="kind">"update"</span>
                                                                                            <span class="what">{u.user_name.clone()}</span>
                                                                                            <ul class="field-changes">
                                                                                                {update_lines(u)
                                                                                                    .into_iter()
                                                                                                    .map(|l| view! { <li>{l}</li> })
                                                                                                    .collect_view()}
                                                                                            </ul>
                                                                                        </li>
                                                                                    }
                                                                                })
                                                                                .collect_view()}
                                                                        </ul>
                                                                    </div>
                                                                }
                                                            })}
                                                        {(!groups.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <p class="muted">
                                                                        {format!("New groups: {}", groups.join(", "))}
                                                                    </p>
                                                                }
                                                            })}
                                                    }
                                                })
                                        })
                                }}
                            </div>
                        </section>
                    </Show>
                    <div class="modal-actions">
                        <button type="button" class="button" on:click=close>
                            "Cancel"
                        </button>
                        <button
                            type="button"
                            class="button primary"
                            disabled=move || !can_apply()
                            on:click=apply
                        >
                            "Apply"
                        </button>
                    </div>
                </div>
            </Modal>
        }
}
