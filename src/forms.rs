//! Pieces every form and dialog repeats, made once: a labelled field, a
//! checkbox with its label, a form's error line, a dialog's buttons, a
//! count card, and the form to paste a text into.

use leptos::html;
use leptos::prelude::*;

/// A field: its label above whatever input the children make.
#[component]
pub fn Field(
    /// The input's id, which the label names.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {children()}
        </div>
    }
}

/// A checkbox with its label, bound to a signal.
#[component]
pub fn CheckBox(value: RwSignal<bool>, #[prop(into)] label: String) -> impl IntoView {
    view! {
        <label class="check-label">
            <input
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// Why a form did not go through, read out at once (empty when it did).
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="form-error" role="alert">{move || message.get()}</p> }
}

/// The buttons at the foot of a dialog: the children, then a button that
/// closes it (`close_label`, "Cancel" unless told).
#[component]
pub fn ModalActions(
    on_close: Callback<()>,
    #[prop(optional, into)] close_label: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let label = close_label.unwrap_or_else(|| "Cancel".to_owned());
    view! {
        <div class="modal-actions">
            <button type="button" class="button" on:click=move |_| on_close.run(())>
                {label}
            </button>
            {children.map(|c| c())}
        </div>
    }
}

/// A count with its label, in a `<dl class="count-cards">`.
#[component]
pub fn CountCard(
    label: &'static str,
    #[prop(into)] count: Signal<usize>,
    /// Extra classes (`added`, `updated`, `bad`).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let class = if class.is_empty() {
        "count-card".to_owned()
    } else {
        format!("count-card {class}")
    };
    view! {
        <div class=class>
            <dt>{label}</dt>
            <dd>{move || count.get()}</dd>
        </div>
    }
}

/// How a paste form's label stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteHeading {
    /// As the form's heading, at this level.
    H2,
    H3,
    /// As a plain label.
    Plain,
}

/// A text area to paste into and a button that hands the text over (also
/// Ctrl+Enter); the button waits for some text.
#[component]
pub fn PasteForm(
    id: &'static str,
    label: &'static str,
    button: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] placeholder: &'static str,
    #[prop(default = PasteHeading::Plain)] heading: PasteHeading,
    on_text: Callback<String>,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let empty = RwSignal::new(true);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(area) = area.get() {
            on_text.run(area.value());
        }
    };
    let label_view = view! { <label for=id>{label}</label> };
    let title = match heading {
        PasteHeading::H2 => view! { <h2>{label_view}</h2> }.into_any(),
        PasteHeading::H3 => view! { <h3>{label_view}</h3> }.into_any(),
        PasteHeading::Plain => label_view.into_any(),
    };
    view! {
        <form class=class on:submit=submit>
            {title}
            <textarea
                node_ref=area
                id=id
                rows=rows
                spellcheck="false"
                autocomplete="off"
                placeholder=(!placeholder.is_empty()).then_some(placeholder)
                on:input=move |ev| empty.set(event_target_value(&ev).trim().is_empty())
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        if let Some(form) = area.get().and_then(|a| a.form()) {
                            let _ = form.request_submit();
                        }
                    }
                }
            ></textarea>
            <button type="submit" class="button" disabled=move || empty.get()>
                {button}
            </button>
        </form>
    }
}
