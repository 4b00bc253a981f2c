//! Modal dialogs: a [`Modal`] frame on the browser's own `<dialog>` (which
//! keeps focus inside and closes on Escape), and the one confirmation
//! dialog every destructive action asks through ([`Confirmations::ask`]).

use crate::forms::ModalActions;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh id for elements that label others (`aria-labelledby`).
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A modal dialog with a title. It opens when mounted; Escape calls
/// `on_close`, and focus returns where it was when it goes away.
#[component]
pub fn Modal(
    #[prop(into)] title: String,
    on_close: Callback<()>,
    /// A sentence under the title, read out with it.
    #[prop(optional, into)]
    description: Option<String>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("dialog-title");
    let description_id = description
        .as_ref()
        .map(|_| unique_id("dialog-description"));
    let previous = SendWrapper::new(
        document()
            .active_element()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()),
    );
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            show_when_in_page(d, 0);
        }
    });
    on_cleanup(move || {
        if let Some(el) = previous.take() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    });
    let labelled_by = title_id.clone();
    let described_by = description_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="modal"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            <h2 id=title_id class="modal-title">{title}</h2>
            {description.map(|d| view! { <p id=description_id class="modal-description">{d}</p> })}
            {children()}
        </dialog>
    }
}

/// Opens `dialog` as a modal once it is in the page: a dialog whose code
/// was fetched (crate::deferred) is built a frame before it is put there,
/// and the browser opens only a dialog that is. Gives up after a second
/// (a dialog closed before it was shown).
fn show_when_in_page(dialog: web_sys::HtmlDialogElement, frames: u32) {
    if dialog.open() {
        return;
    }
    if dialog.is_connected() {
        let _ = dialog.show_modal();
    } else if frames < 60 {
        request_animation_frame(move || show_when_in_page(dialog, frames + 1));
    }
}

/// A question before a destructive action.
#[derive(Clone)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    /// The label of the button that goes ahead, saying what it does.
    pub confirm: String,
    pub on_confirm: Callback<()>,
}

/// The slot of the confirmation dialog, shared through context.
#[derive(Clone, Copy)]
pub struct Confirmations(RwSignal<Option<Confirm>>);

impl Confirmations {
    pub fn new() -> Self {
        Confirmations(RwSignal::new(None))
    }

    /// The confirmations of the surrounding component tree.
    pub fn get() -> Self {
        expect_context::<Confirmations>()
    }

    /// Shows the confirmation dialog; `on_confirm` runs only if the user
    /// goes ahead.
    pub fn ask(
        &self,
        title: impl Into<String>,
        message: impl Into<String>,
        confirm: impl Into<String>,
        on_confirm: impl Fn() + Send + Sync + 'static,
    ) {
        self.0.set(Some(Confirm {
            title: title.into(),
            message: message.into(),
            confirm: confirm.into(),
            on_confirm: Callback::new(move |()| on_confirm()),
        }));
    }

    /// Whether a confirmation is showing.
    pub fn is_open(&self) -> bool {
        self.0.with(Option::is_some)
    }
}

impl Default for Confirmations {
    fn default() -> Self {
        Self::new()
    }
}

/// The confirmation dialog, shown while a question is pending.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let slot = Confirmations::get();
    let close = Callback::new(move |()| slot.0.set(None));
    move || {
        slot.0.get().map(|c| {
            let go = c.on_confirm;
            view! {
                <Modal title=c.title description=c.message on_close=close>
                    <ModalActions on_close=close>
                        <button
                            type="button"
                            class="button danger"
                            on:click=move |_| {
                                close.run(());
                                go.run(());
                            }
                        >
                            {c.confirm}
                        </button>
                    </ModalActions>
                </Modal>
            }
        })
    }
}
