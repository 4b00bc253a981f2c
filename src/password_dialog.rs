//! Setting a user's password. It is typed twice in password fields, hashed
//! at once (kept as plaintext only on an explicit choice, for ProGet to hash
//! on import), and cleared from the fields and from memory right after.

use crate::dialog::Modal;
use crate::state::Editor;
use leptos::html;
use leptos::prelude::*;
use proget_users_core::edit::{self, PasswordStorage};

/// Takes a password out of its field: returns it and empties the field.
pub fn take_password(input: &web_sys::HtmlInputElement) -> String {
    let value = input.value();
    input.set_value("");
    value
}

/// Overwrites a secret's bytes with zeros and empties it. The compiler may
/// not remove the overwrite: the bytes are read back through `black_box`.
pub fn wipe(secret: &mut String) {
    let mut bytes = std::mem::take(secret).into_bytes();
    bytes.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(&bytes);
}

#[component]
pub fn PasswordDialog(#[prop(into)] user: String, on_close: Callback<()>) -> impl IntoView {
    let editor = Editor::get();
    let first = NodeRef::<html::Input>::new();
    let second = NodeRef::<html::Input>::new();
    let plaintext = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let user_for_submit = user.clone();
    let user_for_clear = user.clone();
    let has_password = {
        let user = user.clone();
        move || {
            editor.file.with(|f| {
                f.user(&user)
                    .is_some_and(|u| u.password.is_some() || u.password_bytes.is_some())
            })
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(a), Some(b)) = (first.get_untracked(), second.get_untracked()) else {
            return;
        };
        let mut password = take_password(&a);
        let mut repeated = take_password(&b);
        let same = password == repeated;
        wipe(&mut repeated);
        if password.is_empty() {
            problem.set(Some("Type a password.".into()));
            let _ = a.focus();
            return;
        }
        if !same {
            wipe(&mut password);
            problem.set(Some("The two passwords differ; type them again.".into()));
            let _ = a.focus();
            return;
        }
        let storage = if plaintext.get_untracked() {
            PasswordStorage::Plaintext
        } else {
            PasswordStorage::Hashed
        };
        let user = user_for_submit.clone();
        let result = editor.apply("Set password", |f| {
            edit::set_password(f, &user, &password, storage)
        });
        wipe(&mut password);
        match result {
            Ok(_) => on_close.run(()),
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let clear = move |_| {
        let user = user_for_clear.clone();
        if editor
            .apply("Remove password", |f| edit::clear_password(f, &user))
            .is_ok()
        {
            on_close.run(());
        }
    };

    view! {
        <Modal title=format!("Set the password of {user}") on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="new-password">"New password"</label>
                    <input
                        id="new-password"
                        node_ref=first
                        type="password"
                        autocomplete="new-password"
                        required
                    />
                </div>
                <div class="field">
                    <label for="repeat-password">"Repeat it"</label>
                    <input
                        id="repeat-password"
                        node_ref=second
                        type="password"
                        autocomplete="new-password"
                        required
                    />
                </div>
                <label class="check-label">
                    <input
                        type="checkbox"
                        prop:checked=move || plaintext.get()
                        on:change=move |ev| plaintext.set(event_target_checked(&ev))
                    />
                    "Keep as plaintext (ProGet hashes it on import)"
                </label>
                <p class="hint">
                    {move || {
                        if plaintext.get() {
                            "The file will hold this password readable until ProGet imports it."
                        } else {
                            "Hashed now with PBKDF2, exactly as ProGet stores it."
                        }
                    }}
                </p>
                <p class="form-error" role="alert">{move || problem.get()}</p>
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
