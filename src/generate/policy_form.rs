//! The policy of generated passwords: length and kinds of characters, with
//! the strength it gives.

use crate::forms::{CheckBox, Field, FormError, ModalActions};
use crate::labels::plural;
use leptos::prelude::*;
use proget_users_core::generate::{PasswordPolicy, MAX_LENGTH, MIN_LENGTH};

#[component]
pub fn PolicyForm(
    /// How many users get a password.
    count: usize,
    problem: RwSignal<Option<String>>,
    on_generate: Callback<PasswordPolicy>,
    on_close: Callback<()>,
) -> impl IntoView {
    let length = RwSignal::new(PasswordPolicy::default().length.to_string());
    let lowercase = RwSignal::new(true);
    let uppercase = RwSignal::new(true);
    let digits = RwSignal::new(true);
    let symbols = RwSignal::new(true);
    let exclude_ambiguous = RwSignal::new(false);
    let policy = Memo::new(move |_| PasswordPolicy {
        length: length.get().trim().parse::<usize>().unwrap_or(0),
        lowercase: lowercase.get(),
        uppercase: uppercase.get(),
        digits: digits.get(),
        symbols: symbols.get(),
        exclude_ambiguous: exclude_ambiguous.get(),
    });
    let policy_problem = move || policy.with(|p| p.validate().err().map(|e| e.to_string()));
    let strength = move || {
        policy.with(|p| {
            p.validate().ok().map(|()| {
                // Whole bits, formatted as an integer: formatting a
                // float would put the float printer (12 KB) in the wasm.
                let bits = p.entropy_bits().round() as u64;
                format!("About {bits} bits of strength")
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_generate.run(policy.get_untracked());
    };
    view! {
        <form class="form generate-form" on:submit=submit novalidate>
            <Field id="password-length" label="Length">
                <input
                    id="password-length"
                    type="number"
                    min=MIN_LENGTH.to_string()
                    max=MAX_LENGTH.to_string()
                    prop:value=move || length.get()
                    on:input=move |ev| length.set(event_target_value(&ev))
                />
            </Field>
            <fieldset class="field classes">
                <legend>"Characters"</legend>
                <CheckBox value=lowercase label="Lower case (a–z)" />
                <CheckBox value=uppercase label="Upper case (A–Z)" />
                <CheckBox value=digits label="Digits (0–9)" />
                <CheckBox value=symbols label="Symbols (!#$%…)" />
                <CheckBox value=exclude_ambiguous label="Leave out look-alikes (I l 1 O 0 o |)" />
            </fieldset>
            <p class="hint">{strength}</p>
            <FormError message=Signal::derive(move || policy_problem().or_else(|| problem.get())) />
            <ModalActions on_close=on_close>
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || policy_problem().is_some() || count == 0
                >
                    {format!("Generate {}", plural(count, "password", "passwords"))}
                </button>
            </ModalActions>
        </form>
    }
}
