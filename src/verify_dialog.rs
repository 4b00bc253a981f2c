//! Checking a password: pick a user, type a password, and learn whether it
//! matches the stored hash (PBKDF2, as ProGet checks it). The password is
//! taken out of its field and wiped right after the check.

use crate::dialog::Modal;
use crate::forms::{Field, ModalActions};
use crate::secrets::{take_password, wipe};
use crate::state::{Document, TableView};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::password::{self, PasswordError};

/// What the last check found.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Match(String),
    NoMatch(String),
    Problem(String),
}

#[component]
pub fn VerifyDialog(on_close: Callback<()>) -> impl IntoView {
    let document = Document::get();
    let names: Vec<String> =
        document.read_untracked(|f| f.users.iter().map(|u| u.user_name.clone()).collect());
    let first_selected = TableView::get().selected_names().into_iter().next();
    let user = RwSignal::new(
        first_selected
            .or_else(|| names.first().cloned())
            .unwrap_or_default(),
    );
    let input = NodeRef::<html::Input>::new();
    let outcome = RwSignal::new(None::<Outcome>);

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(field) = input.get_untracked() else {
            return;
        };
        let mut typed = take_password(&field);
        let name = user.get_untracked();
        let result = document.read_untracked(|f| {
            f.user(&name)
                .map(|u| (password::check(&typed, u), u.password.is_some()))
        });
        let empty = typed.is_empty();
        wipe(&mut typed);
        outcome.set(Some(match result {
            _ if empty => Outcome::Problem("Type a password to check.".into()),
            None => Outcome::Problem(format!("There is no user {name}.")),
            Some((Ok(true), _)) => {
                Outcome::Match(format!("The password matches the stored hash of {name}."))
            }
            Some((Ok(false), _)) => Outcome::NoMatch(format!(
                "The password does not match the stored hash of {name}."
            )),
            Some((Err(PasswordError::NoHash), true)) => Outcome::Problem(format!(
                "{name} has a plaintext password and no hash yet: hash it first."
            )),
            Some((Err(PasswordError::NoHash), false)) => {
                Outcome::Problem(format!("{name} has no password."))
            }
            Some((Err(e), _)) => Outcome::Problem(format!("{name}: {e}")),
        }));
        let _ = field.focus();
    };

    view! {
        <Modal
            title="Verify a password"
            description="Checks a password against the hash stored in the file, as ProGet does at sign-in. Nothing is changed."
            on_close=on_close
        >
            <form class="form" on:submit=check novalidate>
                <Field id="verify-user" label="User">
                    <select
                        id="verify-user"
                        prop:value=move || user.get()
                        on:change=move |ev| {
                            user.set(event_target_value(&ev));
                            outcome.set(None);
                        }
                    >
                        {names
                            .into_iter()
                            .map(|n| {
                                let selected = n == user.get_untracked();
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field id="verify-password" label="Password">
                    <input
                        id="verify-password"
                        node_ref=input
                        type="password"
                        autocomplete="off"
                        on:input=move |_| outcome.set(None)
                    />
                </Field>
                <div class="verify-outcome" role="status" aria-live="polite">
                    {move || {
                        outcome
                            .get()
                            .map(|o| match o {
                                Outcome::Match(t) => view! { <p class="outcome match">"✓ Match. " {t}</p> }.into_any(),
                                Outcome::NoMatch(t) => view! { <p class="outcome no-match">"✗ No match. " {t}</p> }.into_any(),
                                Outcome::Problem(t) => view! { <p class="outcome problem">{t}</p> }.into_any(),
                            })
                    }}
                </div>
                <ModalActions on_close=on_close close_label="Close">
                    <button type="submit" class="button primary">
                        "Check"
                    </button>
                </ModalActions>
            </form>
        </Modal>
    }
}
