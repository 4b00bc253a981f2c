//! Choosing or pasting the second file of a comparison.

use crate::files::{read_file, FileChooser};
use crate::forms::{FormError, PasteForm, PasteHeading};
use crate::state::{Compared, OtherFile};
use leptos::prelude::*;

#[component]
pub fn OpenOther() -> impl IntoView {
    let compared = Compared::get();
    let problem = RwSignal::new(None::<String>);
    let open = move |name: Option<String>, bytes: &[u8]| match OtherFile::read(name, bytes) {
        Ok(other) => {
            problem.set(None);
            compared.open(other);
        }
        Err(e) => problem.set(Some(e)),
    };
    let on_file = move |file| {
        read_file(
            file,
            move |name, bytes| open(Some(name), &bytes),
            move |e| problem.set(Some(e)),
        )
    };
    view! {
        <div class="compare-open">
            <div class="card">
                <h3>"Another export"</h3>
                <p class="muted">"Say, from another ProGet instance. It is only read, never changed."</p>
                <FileChooser
                    id="compare-file-input"
                    accept=".json,application/json,text/plain"
                    class="button primary"
                    label="Choose a file to compare…"
                    on_file=on_file
                />
            </div>
            <PasteForm
                id="compare-text"
                label="Or paste its JSON"
                button="Compare pasted text"
                class="card"
                heading=PasteHeading::H3
                on_text=Callback::new(move |text: String| open(None, text.as_bytes()))
            />
            <FormError message=problem />
        </div>
    }
}
