//! Setting a user's password. It is typed twice in password fields, hashed
//! at once (kept as plaintext only on an explicit choice, for ProGet to hash
//! on import), and cleared from the fields and from memory right after.
//! As it is typed, the strength worker scores it ([`crate::strength`]) and
//! the dialog says, without blocking, when it is weak and why.

use crate::dialog::Modal;
use crate::forms::{CheckBox, Field, FormError};
use crate::secrets::{take_password, wipe};
use crate::state::Document;
use crate::strength::{score, Candidate, OwnerDetails, Weak};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit::{self, PasswordStorage};

/// What the dialog says of the typed password's strength.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Strength {
    /// Nothing typed, or no answer yet.
    Unknown,
    Weak(Weak),
    NotWeak,
}

/// The verdict on the typed password, live: each input is scored in the
/// strength worker, and only the answer to the latest one is shown.
#[component]
fn StrengthHint(strength: RwSignal<Strength>) -> impl IntoView {
    view! {
        <p class="hint strength" role="status" aria-live="polite">
            {move || match strength.get() {
                Strength::Unknown => None,
                Strength::Weak(weak) => Some(view! {
                    <span class="warning-text weak-password">{format!("weak: {}", weak.feedback())}</span>
                }.into_any()),
                Strength::NotWeak => Some(view! {
                    <span class="strong-password">"Not easy to guess, and not made of the user's name."</span>
                }.into_any()),
            }}
        </p>
    }
}

#[component]
pub fn PasswordDialog(#[prop(into)] user: String, on_close: Callback<()>) -> impl IntoView {
    let document = Document::get();
    let first = NodeRef::<html::Input>::new();
    let second = NodeRef::<html::Input>::new();
    let plaintext = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let strength = RwSignal::new(Strength::Unknown);
    let typed = StoredValue::new(0u64);
    let on_input = {
        let user = user.clone();
        move |_| {
            let Some(input) = first.get_untracked() else {
                return;
            };
            let this = typed.get_value() + 1;
            typed.set_value(this);
            let mut password = input.value();
            if password.is_empty() {
                return strength.set(Strength::Unknown);
            }
            let owner = document.read_untracked(|f| f.user(&user).map(OwnerDetails::from));
            let Some(owner) = owner else {
                return wipe(&mut password);
            };
            score(vec![Candidate::new(password, owner)], move |verdicts| {
                if typed.try_get_value() != Some(this) {
                    return;
                }
                let verdict = match verdicts {
                    Ok(mut v) => match v.pop().flatten() {
                        Some(weak) => Strength::Weak(weak),
                        None => Strength::NotWeak,
                    },
                    Err(_) => Strength::Unknown,
                };
                strength.try_set(verdict);
            });
        }
    };
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
            typed.update_value(|t| *t += 1);
            strength.set(Strength::Unknown);
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
                    <input
                        id="new-password"
                        node_ref=first
                        type="password"
                        autocomplete="new-password"
                        aria-describedby="password-strength"
                        required
                        on:input=on_input
                    />
                </Field>
                <div id="password-strength">
                    <StrengthHint strength=strength />
                </div>
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
