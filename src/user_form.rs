//! The form that adds a user. It checks as you type: a name is required and
//! may not clash with another user's, even in letter case (ProGet's user
//! names are not case-sensitive); an email must look like one. A password,
//! if given, is hashed at once and cleared from the field.

use crate::dialog::Modal;
use crate::password_dialog::{take_password, wipe};
use crate::state::Editor;
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit;
use proget_users_core::model::User;
use proget_users_core::password;
use proget_users_core::validate::is_plausible_email;
use std::collections::BTreeSet;

/// Why a new user name is refused, if it is.
pub fn name_problem(users: &[User], name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("A user name is required.".to_owned());
    }
    let folded = name.to_lowercase();
    users
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

#[component]
pub fn AddUserDialog(on_close: Callback<()>) -> impl IntoView {
    let editor = Editor::get();
    let name = RwSignal::new(String::new());
    let display = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let touched = RwSignal::new(false);
    let password_input = NodeRef::<html::Input>::new();
    let failure = RwSignal::new(None::<String>);

    let name_error = Memo::new(move |_| {
        let n = name.get();
        editor.file.with(|f| name_problem(&f.users, &n))
    });
    let email_error = Memo::new(move |_| email.with(|e| email_problem(e)));
    let invalid = move || name_error.with(Option::is_some) || email_error.with(Option::is_some);
    let all_groups = move || {
        editor
            .groups
            .with(|g| g.iter().map(|g| g.name.clone()).collect::<Vec<_>>())
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if invalid() {
            return;
        }
        let user_name = name.get_untracked().trim().to_owned();
        let mut user = User::new(user_name.clone());
        let display_name = display.get_untracked().trim().to_owned();
        if !display_name.is_empty() {
            user.set_display_name(Some(display_name));
        }
        let email = email.get_untracked().trim().to_owned();
        if !email.is_empty() {
            user.set_email_address(Some(email));
        }
        let groups: Vec<String> = chosen.get_untracked().into_iter().collect();
        // Keep the groups in the file's order.
        let order = all_groups();
        let mut groups = groups;
        groups.sort_by_key(|g| order.iter().position(|o| o == g));
        user.set_groups(groups);
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
        match editor.apply("Add user", |f| edit::add_user(f, user)) {
            Ok(_) => {
                if let Some(i) = editor.file.with_untracked(|f| f.user_index(&user_name)) {
                    editor.reveal_user(i, false);
                }
                on_close.run(());
            }
            Err(e) => failure.set(Some(e.to_string())),
        }
    };

    view! {
        <Modal title="Add a user" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="new-user-name">"User name"</label>
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
                </div>
                <div class="field">
                    <label for="new-user-display">"Display name"</label>
                    <input
                        id="new-user-display"
                        autocomplete="off"
                        placeholder=move || name.get()
                        prop:value=move || display.get()
                        on:input=move |ev| display.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="new-user-email">"Email"</label>
                    <input
                        id="new-user-email"
                        type="email"
                        autocomplete="off"
                        aria-invalid=move || email_error.with(Option::is_some).to_string()
                        aria-describedby="new-user-email-error"
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                    <p id="new-user-email-error" class="field-error" aria-live="polite">
                        {move || email_error.get()}
                    </p>
                </div>
                <fieldset class="field groups-choice">
                    <legend>"Groups"</legend>
                    {move || {
                        let groups = all_groups();
                        if groups.is_empty() {
                            view! { <p class="muted">"No groups yet; add them in the Groups tab."</p> }
                                .into_any()
                        } else {
                            groups
                                .into_iter()
                                .map(|g| {
                                    let key = g.clone();
                                    let key2 = g.clone();
                                    view! {
                                        <label class="check-label">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || chosen.with(|c| c.contains(&key))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| {
                                                        if on {
                                                            c.insert(key2.clone());
                                                        } else {
                                                            c.remove(&key2);
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
                        }
                    }}
                </fieldset>
                <div class="field">
                    <label for="new-user-password">"Password (optional)"</label>
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
                </div>
                <p class="form-error" role="alert">{move || failure.get()}</p>
                <div class="modal-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button primary" disabled=move || touched.get() && invalid()>
                        "Add user"
                    </button>
                </div>
            </form>
        </Modal>
    }
}
