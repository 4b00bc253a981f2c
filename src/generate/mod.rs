//! New random passwords for the selected users: choose the length and the
//! kinds of characters, and the passwords are drawn from the browser's
//! cryptographic RNG, hashed at once (in slices, so the page stays
//! responsive) and set as one undo step. The plaintexts then exist only in
//! this dialog, for the credentials sheet (a CSV of user name, display
//! name, email and password) the user downloads to hand them out. They are
//! wiped from memory once the sheet is downloaded or the dialog closes, and
//! never go into the file, localStorage or the console.

mod policy_form;
mod sheet;

pub use policy_form::PolicyForm;
pub use sheet::{SheetDownloaded, SheetReady};

use crate::csv_export::today;
use crate::dialog::Modal;
use crate::hashing::{hash_all, Outcome};
use crate::labels::plural;
use crate::secrets::wipe;
use crate::state::{Document, HashJob, TableView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proget_users_core::generate::{self, Credential, PasswordPolicy};
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
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
pub struct Sheet(Rc<RefCell<Vec<Credential>>>);

impl Sheet {
    fn set(&self, credentials: Vec<Credential>) {
        self.wipe();
        *self.0.borrow_mut() = credentials;
    }

    /// The sheet as CSV (a secret: wipe it after use).
    pub fn csv(&self) -> String {
        generate::credentials_csv(&self.0.borrow())
    }

    pub fn wipe(&self) {
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
    let document = Document::get();
    let job = HashJob::get();
    let users = TableView::get().selected_names();
    let count = users.len();
    let stage = RwSignal::new(Stage::Choose);
    let problem = RwSignal::new(None::<String>);
    let sheet = SendWrapper::new(Sheet::default());

    let generate = {
        let sheet = sheet.clone();
        Callback::new(move |policy: PasswordPolicy| {
            if stage.get_untracked() != Stage::Choose {
                return;
            }
            let names: Vec<&str> = users.iter().map(String::as_str).collect();
            let credentials =
                match document.read_untracked(|f| generate::new_credentials(f, &names, &policy)) {
                    Ok(c) => c,
                    Err(e) => return problem.set(Some(e.to_string())),
                };
            problem.set(None);
            stage.set(Stage::Hashing);
            let passwords: Vec<String> = credentials.iter().map(|c| c.password.clone()).collect();
            let names: Vec<String> = credentials.iter().map(|c| c.user_name.clone()).collect();
            sheet.set(credentials);
            let sheet = sheet.clone();
            let run = hash_all(job, passwords);
            spawn_local(async move {
                let failed = match run.await {
                    Ok(hashes) => {
                        let pairs = names.into_iter().zip(hashes).collect();
                        match document
                            .apply("Generate passwords", |f| generate::apply_reset(f, pairs))
                        {
                            Ok(done) => {
                                return stage.set(Stage::Ready {
                                    users: done.users.len(),
                                })
                            }
                            Err(e) => e.to_string(),
                        }
                    }
                    Err(Outcome::Cancelled { .. }) => "Cancelled; no password was changed.".into(),
                    Err(Outcome::Busy) => {
                        "Other passwords are being hashed; try again when that is done.".into()
                    }
                    Err(Outcome::Failed(e)) => e.to_string(),
                    Err(Outcome::Done) => String::new(),
                };
                sheet.wipe();
                stage.set(Stage::Choose);
                problem.set(Some(failed));
            });
        })
    };
    let close = {
        let sheet = sheet.clone();
        Callback::new(move |()| {
            if stage.get_untracked() == Stage::Hashing {
                job.cancel();
            }
            sheet.wipe();
            on_close.run(());
        })
    };
    {
        let sheet = sheet.clone();
        on_cleanup(move || sheet.wipe());
    }
    let done = move || job.progress().map_or(0, |h| h.done);
    let total = move || job.progress().map_or(0, |h| h.total);

    view! {
        <Modal
            title=format!("Generate new passwords for {}", plural(count, "user", "users"))
            description="Each user gets a strong random password, hashed at once. You get the passwords only once, in a credentials sheet to download."
            on_close=close
        >
            {move || match stage.get() {
                Stage::Choose => {
                    view! { <PolicyForm count=count problem=problem on_generate=generate on_close=close /> }
                        .into_any()
                }
                Stage::Hashing => {
                    view! {
                        <div class="form">
                            <label for="generate-progress">
                                {move || format!("Hashing the new passwords: {} of {}", done(), total())}
                            </label>
                            <progress id="generate-progress" max=move || total().to_string() value=move || done().to_string()></progress>
                            <crate::forms::ModalActions on_close=close />
                        </div>
                    }
                        .into_any()
                }
                Stage::Ready { users } => {
                    let sheet = (*sheet).clone();
                    view! { <SheetReady users=users sheet=SendWrapper::new(sheet) stage=stage problem=problem on_close=close /> }
                        .into_any()
                }
                Stage::Downloaded { name } => view! { <SheetDownloaded name=name on_close=close /> }.into_any(),
            }}
        </Modal>
    }
}
