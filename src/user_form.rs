//! The form that adds a user. It checks as you type: a name is required and
//! may not clash with another user's, even in letter case (ProGet's user
//! names are not case-sensitive); an email must look like one. A password,
//! if given, is hashed at once and cleared from the field.

use crate::dialog::Modal;
use crate::forms::{Field, FormError, ModalActions};
use crate::secrets::{take_password, wipe};
use crate::state::{Document, Editor, FileViews};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_core::model::{User, UsersFile};
use proget_users_core::password;
use proget_users_core::validate::is_plausible_email;
use std::collections::BTreeSet;

/// Why a new user name is refused, if it is.
pub fn name_problem(file: &UsersFile, name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("A user name is required.".to_owned());
    }
    let folded = name.to_lowercase();
    file.users
        .iter()
        .find(|u| u.user_name.to_lowercase() == folded)
        .map(|u| {
            format!(
                "“{}” is taken (user names ignore letter case).",
                u.user_name
            )
        })
}

/// Why an email address is refused, if it is (an empty one is fine).
pub fn email_problem(email: &str) -> Option<String> {
    let email = email.trim();
    (!email.is_empty() && !is_plausible_email(email))
        .then(|| "This does not look like an email address.".to_owned())
}

/// The user the form describes, without its password.
fn new_user(name: &str, display: &str, email: &str, groups: Vec<String>) -> User {
    let mut user = User::new(name.trim());
    let display = display.trim();
    if !display.is_empty() {
        user.set_display_name(Some(display.to_owned()));
    }
    let email = email.trim();
    if !email.is_empty() {
        user.set_email_address(Some(email.to_owned()));
    }
    user.set_groups(groups);
    user
}

#[component]
pub fn AddUserDialog(on_close: Callback<()>) -> impl IntoView {
    let editor = Editor::get();
    let document = Document::get();
    let views = FileViews::get();
    let name = RwSignal::new(String::new());
    let display = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let touched = RwSignal::new(false);
    let password_input = NodeRef::<html::Input>::new();
    let failure = RwSignal::new(None::<String>);

    let name_error = Memo::new(move |_| {
        let n = name.get();
        document.read(|f| name_problem(f, &n))
    });
    let email_error = Memo::new(move |_| email.with(|e| email_problem(e)));
    let invalid = move || name_error.with(Option::is_some) || email_error.with(Option::is_some);
    let all_groups = Signal::derive(move || {
        views
            .groups()
            .with(|g| g.iter().map(|g| g.name.clone()).collect::<Vec<_>>())
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if invalid() {
            return;
        }
        // The groups in the file's order.
        let groups = all_groups
            .get_untracked()
            .into_iter()
            .filter(|g| chosen.with_untracked(|c| c.contains(g)))
            .collect();
        let mut user = new_user(
            &name.get_untracked(),
            &display.get_untracked(),
            &email.get_untracked(),
            groups,
        );
        let mut plaintext = password_input
            .get_untracked()
            .map(|input| take_password(&input))
            .unwrap_or_default();
        if !plaintext.is_empty() {
            let hashed = password::hash(&plaintext);
            wipe(&mut plaintext);
            match hashed {
                Ok(hash) => user.set_password_hash(hash.password_bytes, hash.salt_bytes),
                Err(e) => {
                    failure.set(Some(format!("The password could not be hashed: {e}")));
                    return;
                }
            }
        }
        let user_name = user.user_name.clone();
        match document.apply("Add user", |f| edit::add_user(f, user)) {
            Ok(_) => {
                if let Some(i) = document.read_untracked(|f| f.user_index(&user_name)) {
                    editor.reveal_user(i, false);
                }
                on_close.run(());
            }
            Err(e) => failure.set(Some(e.to_string())),
        }
    };
    let text_input = move |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));

    view! {
        <Modal title="Add a user" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <Field id="new-user-name" label="User name">
                    <input
                        id="new-user-name"
                        required
                        autocomplete="off"
                        aria-invalid=move || (touched.get() && name_error.with(Option::is_some)).to_string()
                        aria-describedby="new-user-name-error"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            touched.set(true);
                            name.set(event_target_value(&ev));
                        }
                    />
                    <p id="new-user-name-error" class="field-error" aria-live="polite">
                        {move || if touched.get() { name_error.get() } else { None }}
                    </p>
                </Field>
                <Field id="new-user-display" label="Display name">
                    <input
                        id="new-user-display"
                        autocomplete="off"
                        placeholder=move || name.get()
                        prop:value=move || display.get()
                        on:input=text_input(display)
                    />
                </Field>
                <Field id="new-user-email" label="Email">
                    <input
                        id="new-user-email"
                        type="email"
                        autocomplete="off"
                        aria-invalid=move || email_error.with(Option::is_some).to_string()
                        aria-describedby="new-user-email-error"
                        prop:value=move || email.get()
                        on:input=text_input(email)
                    />
                    <p id="new-user-email-error" class="field-error" aria-live="polite">
                        {move || email_error.get()}
                    </p>
                </Field>
                <GroupChoice groups=all_groups chosen=chosen />
                <Field id="new-user-password" label="Password (optional)">
                    <input
                        id="new-user-password"
                        node_ref=password_input
                        type="password"
                        autocomplete="new-password"
                        aria-describedby="new-user-password-hint"
                    />
                    <p id="new-user-password-hint" class="hint">
                        "Hashed at once as ProGet does; the file never holds it readable."
                    </p>
                </Field>
                <FormError message=failure />
                <ModalActions on_close=on_close>
                    <button type="submit" class="button primary" disabled=move || touched.get() && invalid()>
                        "Add user"
                    </button>
                </ModalActions>
            </form>
        </Modal>
    }
}

/// A checkbox for each group of the file.
#[component]
fn GroupChoice(groups: Signal<Vec<String>>, chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let boxes = move || {
        let groups = groups.get();
        if groups.is_empty() {
            return view! { <p class="muted">"No groups yet; add them in the Groups tab."</p> }
                .into_any();
        }
        groups
            .into_iter()
            .map(|g| {
                let key = g.clone();
                let toggle = g.clone();
                view! {
                    <label class="check-label">
                        <input
                            type="checkbox"
                            prop:checked=move || chosen.with(|c| c.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    if on {
                                        c.insert(toggle.clone());
                                    } else {
                                        c.remove(&toggle);
                                    }
                                });
                            }
                        />
                        {g}
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="field groups-choice">
            <legend>"Groups"</legend>
            {boxes}
        </fieldset>
    }
}
