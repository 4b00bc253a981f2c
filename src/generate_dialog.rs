//! New random passwords for the selected users: choose the length and the
//! kinds of characters, and the passwords are drawn from the browser's
//! cryptographic RNG, hashed at once (in slices, so the page stays
//! responsive) and set as one undo step. The plaintexts then exist only in
//! this dialog, for the credentials sheet (a CSV of user name, display
//! name, email and password) the user downloads to hand them out. They are
//! wiped from memory once the sheet is downloaded or the dialog closes, and
//! never go into the file, localStorage or the console.

use crate::chunked::{hash_in_slices, Hashed};
use crate::csv_export::today;
use crate::dialog::Modal;
use crate::files::download_bytes;
use crate::password_dialog::wipe;
use crate::state::{plural, Editor, Status};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::generate::{self, Credential, PasswordPolicy, MAX_LENGTH, MIN_LENGTH};
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Choosing the policy.
    Choose,
    /// Hashing the new passwords.
    Hashing,
    /// Passwords set; the sheet can be downloaded.
    Ready { users: usize },
    /// The sheet was downloaded as this name (and wiped from memory).
    Downloaded { name: String },
}

/// The credentials, held only until the sheet is downloaded or the dialog
/// closes; wiped then.
#[derive(Clone, Default)]
struct Sheet(Rc<RefCell<Vec<Credential>>>);

impl Sheet {
    fn set(&self, credentials: Vec<Credential>) {
        self.wipe();
        *self.0.borrow_mut() = credentials;
    }

    fn wipe(&self) {
        let mut credentials = self.0.borrow_mut();
        for c in credentials.iter_mut() {
            wipe(&mut c.password);
        }
        credentials.clear();
    }
}

/// The name the credentials sheet is downloaded as.
pub fn sheet_name() -> String {
    format!("credentials-{}.csv", today())
}

#[component]
pub fn GenerateDialog(on_close: Callback<()>) -> impl IntoView {
    let editor = Editor::get();
    let users = editor.selected_names();
    let count = users.len();
    let length = RwSignal::new(PasswordPolicy::default().length.to_string());
    let lowercase = RwSignal::new(true);
    let uppercase = RwSignal::new(true);
    let digits = RwSignal::new(true);
    let symbols = RwSignal::new(true);
    let exclude_ambiguous = RwSignal::new(false);
    let stage = RwSignal::new(Stage::Choose);
    let problem = RwSignal::new(None::<String>);
    let sheet = SendWrapper::new(Sheet::default());

    let policy = Memo::new(move |_| {
        let length = length.get().trim().parse::<usize>().unwrap_or(0);
        PasswordPolicy {
            length,
            lowercase: lowercase.get(),
            uppercase: uppercase.get(),
            digits: digits.get(),
            symbols: symbols.get(),
            exclude_ambiguous: exclude_ambiguous.get(),
        }
    });
    let policy_problem = move || policy.with(|p| p.validate().err().map(|e| e.to_string()));
    let strength = move || {
        policy.with(|p| {
            p.validate()
                .ok()
                .map(|()| format!("About {:.0} bits of strength", p.entropy_bits()))
        })
    };

    let generate = {
        let sheet = sheet.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if stage.get_untracked() != Stage::Choose {
                return;
            }
            let policy = policy.get_untracked();
            let names: Vec<&str> = users.iter().map(String::as_str).collect();
            let credentials = match editor
                .file
                .with_untracked(|f| generate::new_credentials(f, &names, &policy))
            {
                Ok(c) => c,
                Err(e) => {
                    problem.set(Some(e.to_string()));
                    return;
                }
            };
            problem.set(None);
            stage.set(Stage::Hashing);
            let passwords: Vec<String> = credentials.iter().map(|c| c.password.clone()).collect();
            let names: Vec<String> = credentials.iter().map(|c| c.user_name.clone()).collect();
            sheet.set(credentials);
            let sheet = sheet.clone();
            spawn_local(async move {
                match hash_in_slices(editor, passwords).await {
                    Hashed::Done(hashes) => {
                        let pairs = names.into_iter().zip(hashes).collect();
                        match editor
                            .apply_any("Generate passwords", |f| generate::apply_reset(f, pairs))
                        {
                            Some(Ok(done)) => stage.set(Stage::Ready {
                                users: done.users.len(),
                            }),
                            Some(Err(e)) => {
                                sheet.wipe();
                                problem.set(Some(e.to_string()));
                                stage.set(Stage::Choose);
                            }
                            None => sheet.wipe(),
                        }
                    }
                    Hashed::Cancelled => {
                        sheet.wipe();
                        stage.set(Stage::Choose);
                        problem.set(Some("Cancelled; no password was changed.".into()));
                    }
                    Hashed::Busy => {
                        sheet.wipe();
                        stage.set(Stage::Choose);
                        problem.set(Some(
                            "Other passwords are being hashed; try again when that is done.".into(),
                        ));
                    }
                    Hashed::Failed(e) => {
                        sheet.wipe();
                        stage.set(Stage::Choose);
                        problem.set(Some(e.to_string()));
                    }
                }
            });
        }
    };
    let download = {
        let sheet = sheet.clone();
        move |_| {
            let name = sheet_name();
            let mut text = generate::credentials_csv(&sheet.0.borrow());
            let saved = download_bytes(&name, "text/csv", text.as_bytes());
            wipe(&mut text);
            match saved {
                Ok(()) => {
                    sheet.wipe();
                    editor.status.set(Status::Info(format!(
                        "Downloaded {name}: store it safely, it holds passwords in plaintext"
                    )));
                    stage.set(Stage::Downloaded { name });
                }
                Err(e) => problem.set(Some(format!("The download failed: {e}"))),
            }
        }
    };
    let close = {
        let sheet = sheet.clone();
        Callback::new(move |()| {
            if stage.get_untracked() == Stage::Hashing {
                editor.hashing.update(|h| {
                    if let Some(h) = h {
                        h.cancelled = true;
                    }
                });
            }
            sheet.wipe();
            on_close.run(());
        })
    };
    {
        let sheet = sheet.clone();
        on_cleanup(move || sheet.wipe());
    }
    let done = move || editor.hashing.get().map_or(0, |h| h.done);
    let total = move || editor.hashing.get().map_or(0, |h| h.total);
    let checkbox = |signal: RwSignal<bool>, label: &'static str| {
        view! {
            <label class="check-label">
                <input
                    type="checkbox"
                    prop:checked=move || signal.get()
                    on:change=move |ev| signal.set(event_target_checked(&ev))
                />
                {label}
            </label>
        }
    };

    view! {
        <Modal
            title=format!("Generate new passwords for {}", plural(count, "user", "users"))
            description="Each user gets a strong random password, hashed at once. You get the passwords only once, in a credentials sheet to download."
            on_close=close
        >
            {move || match stage.get() {
                Stage::Choose => {
                    view! {
                        <form class="form generate-form" on:submit=generate.clone() novalidate>
                            <div class="field">
                                <label for="password-length">"Length"</label>
                                <input
                                    id="password-length"
                                    type="number"
                                    min=MIN_LENGTH.to_string()
                                    max=MAX_LENGTH.to_string()
                                    prop:value=move || length.get()
                                    on:input=move |ev| length.set(event_target_value(&ev))
                                />
                            </div>
                            <fieldset class="field classes">
                                <legend>"Characters"</legend>
                                {checkbox(lowercase, "Lower case (a–z)")}
                                {checkbox(uppercase, "Upper case (A–Z)")}
                                {checkbox(digits, "Digits (0–9)")}
                                {checkbox(symbols, "Symbols (!#$%…)")}
                                {checkbox(exclude_ambiguous, "Leave out look-alikes (I l 1 O 0 o |)")}
                            </fieldset>
                            <p class="hint">{strength}</p>
                            <p class="form-error" role="alert">
                                {move || policy_problem().or_else(|| problem.get())}
                            </p>
                            <div class="modal-actions">
                                <button type="button" class="button" on:click=move |_| close.run(())>
                                    "Cancel"
                                </button>
                                <button
                                    type="submit"
                                    class="button primary"
                                    disabled=move || policy_problem().is_some() || count == 0
                                >
                                    {format!("Generate {}", plural(count, "password", "passwords"))}
                                </button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
                Stage::Hashing => {
                    view! {
                        <div class="form">
                            <label for="generate-progress">
                                {move || format!("Hashing the new passwords: {} of {}", done(), total())}
                            </label>
                            <progress
                                id="generate-progress"
                                max=move || total().to_string()
                                value=move || done().to_string()
                            ></progress>
                            <div class="modal-actions">
                                <button type="button" class="button" on:click=move |_| close.run(())>
                                    "Cancel"
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                Stage::Ready { users } => {
                    view! {
                        <div class="form">
                            <p class="ok-text" role="status">
                                {format!("New passwords are set for {}.", plural(users, "user", "users"))}
                            </p>
                            <div class="safety-note" role="note">
                                <strong>"Download the credentials sheet now and store it safely."</strong>
                                " It is the only copy of the passwords, in plaintext: hand each one over privately, then delete the sheet. This page forgets the passwords when you download it or close this dialog."
                            </div>
                            <p class="form-error" role="alert">{move || problem.get()}</p>
                            <div class="modal-actions">
                                <button type="button" class="button" on:click=move |_| close.run(())>
                                    "Close without the sheet"
                                </button>
                                <button type="button" class="button primary" on:click=download.clone()>
                                    "Download credentials sheet"
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                Stage::Downloaded { name } => {
                    view! {
                        <div class="form">
                            <p class="ok-text" role="status">{format!("Downloaded {name}.")}</p>
                            <div class="safety-note" role="note">
                                <strong>"Store it safely:"</strong>
                                " it holds the passwords in plaintext. Hand them over privately and delete the sheet afterwards. The passwords are no longer in this page."
                            </div>
                            <div class="modal-actions">
                                <button type="button" class="button primary" on:click=move |_| close.run(())>
                                    "Done"
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
        </Modal>
    }
}
