//! Setting a user's password. It is typed twice in password fields, hashed
//! at once (kept as plaintext only on an explicit choice, for ProGet to hash
//! on import), and cleared from the fields and from memory right after.

use crate::dialog::Modal;
use crate::forms::{CheckBox, Field, FormError};
use crate::secrets::{take_password, wipe};
use crate::state::Document;
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit::{self, PasswordStorage};

#[component]
pub fn PasswordDialog(#[prop(into)] user: String, on_close: Callback<()>) -> impl IntoView {
    let document = Document::get();
    let first = NodeRef::<html::Input>::new();
    let second = NodeRef::<html::Input>::new();
    let plaintext = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let has_password = {
        let user = user.clone();
        move || {
            document.read(|f| {
                f.user(&user)
                    .is_some_and(|u| u.password.is_some() || u.password_bytes.is_some())
            })
        }
    };

    let submit = {
        let user = user.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (Some(a), Some(b)) = (first.get_untracked(), second.get_untracked()) else {
                return;
            };
            let mut password = take_password(&a);
            let mut repeated = take_password(&b);
            let same = password == repeated;
            wipe(&mut repeated);
            if password.is_empty() || !same {
                wipe(&mut password);
                problem.set(Some(if same {
                    "Type a password.".into()
                } else {
                    "The two passwords differ; type them again.".into()
                }));
                let _ = a.focus();
                return;
            }
            let storage = if plaintext.get_untracked() {
                PasswordStorage::Plaintext
            } else {
                PasswordStorage::Hashed
            };
            let result = document.apply("Set password", |f| {
                edit::set_password(f, &user, &password, storage)
            });
            wipe(&mut password);
            match result {
                Ok(_) => on_close.run(()),
                Err(e) => problem.set(Some(e.to_string())),
            }
        }
    };
    let clear = {
        let user = user.clone();
        move |_| {
            if document
                .apply("Remove password", |f| edit::clear_password(f, &user))
                .is_ok()
            {
                on_close.run(());
            }
        }
    };

    view! {
        <Modal title=format!("Set the password of {user}") on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <Field id="new-password" label="New password">
                    <input id="new-password" node_ref=first type="password" autocomplete="new-password" required />
                </Field>
                <Field id="repeat-password" label="Repeat it">
                    <input id="repeat-password" node_ref=second type="password" autocomplete="new-password" required />
                </Field>
                <CheckBox value=plaintext label="Keep as plaintext (ProGet hashes it on import)" />
                <p class="hint">
                    {move || {
                        if plaintext.get() {
                            "The file will hold this password readable until ProGet imports it."
                        } else {
                            "Hashed now with PBKDF2, exactly as ProGet stores it."
                        }
                    }}
                </p>
                <FormError message=problem />
                <div class="modal-actions">
                    <Show when=has_password.clone()>
                        <button type="button" class="button danger-quiet push-left" on:click=clear.clone()>
                            "Remove password"
                        </button>
                    </Show>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button primary">
                        "Set password"
                    </button>
                </div>
            </form>
        </Modal>
    }
}
