//! A user both files have, with different fields: side by side, a choice
//! per field, and the buttons that apply the choices or take every field.

use crate::compare::{take_user, Choices};
use crate::state::{Compared, Document};
use leptos::prelude::*;
use proget_users_core::merge::{Conflict, Field, FieldDiff, Resolution, Side};

#[component]
pub fn ConflictCard(conflict: Conflict, choices: Choices) -> impl IntoView {
    let document = Document::get();
    let compared = Compared::get();
    let Conflict {
        name,
        theirs_name,
        fields,
    } = conflict;
    let title_id = format!("conflict-{}", name.replace(char::is_whitespace, "_"));
    let picked = {
        let (name, fields) = (
            name.clone(),
            fields.iter().map(|d| d.field).collect::<Vec<_>>(),
        );
        move || -> Vec<(Field, Side)> {
            choices.with_untracked(|c| {
                fields
                    .iter()
                    .map(|f| {
                        (
                            *f,
                            c.get(&(name.clone(), *f)).copied().unwrap_or(Side::Ours),
                        )
                    })
                    .collect()
            })
        }
    };
    let apply = {
        let theirs_name = theirs_name.clone();
        move |_| {
            let resolution = Resolution::from_choices(&picked());
            take_user(document, compared, &theirs_name, resolution);
        }
    };
    let take_all = {
        let theirs_name = theirs_name.clone();
        move |_| take_user(document, compared, &theirs_name, Resolution::Theirs)
    };
    let rows = fields
        .into_iter()
        .map(|diff| view! { <FieldChoice user=name.clone() diff=diff choices=choices /> })
        .collect_view();
    view! {
        <div class="conflict card" role="group" aria-labelledby=title_id.clone()>
            <h4 id=title_id.clone()>{name.clone()}</h4>
            <table class="conflict-table">
                <thead>
                    <tr>
                        <th scope="col">"Field"</th>
                        <th scope="col">"This file"</th>
                        <th scope="col">{move || compared.label()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="conflict-actions">
                <button type="button" class="button" aria-label=format!("Apply the choices for {name}") on:click=apply>
                    "Apply choices"
                </button>
                <button
                    type="button"
                    class="button quiet"
                    aria-label=format!("Take every field of {name} from the other file")
                    on:click=take_all
                >
                    "Take all theirs"
                </button>
            </div>
        </div>
    }
}

/// One differing field: this file's value and the other's, as a choice.
#[component]
pub fn FieldChoice(user: String, diff: FieldDiff, choices: Choices) -> impl IntoView {
    let FieldDiff {
        field,
        ours,
        theirs,
    } = diff;
    let side = {
        let key = (user.clone(), field);
        Memo::new(move |_| choices.with(|c| c.get(&key).copied().unwrap_or(Side::Ours)))
    };
    let choice = |mine: Side, value: Option<String>, label: String| {
        let key = (user.clone(), field);
        view! {
            <td>
                <label class="choice" class:chosen=move || side.get() == mine>
                    <input
                        type="radio"
                        name=format!("choice-{user}-{field:?}")
                        aria-label=label
                        prop:checked=move || side.get() == mine
                        on:change=move |_| {
                            choices.update(|c| {
                                c.insert(key.clone(), mine);
                            })
                        }
                    />
                    <span class="value">{value.unwrap_or_else(|| "(none)".to_owned())}</span>
                </label>
            </td>
        }
    };
    let keep = format!("Keep this file's {} for {}", field.label(), user);
    let take = format!("Use the other file's {} for {}", field.label(), user);
    view! {
        <tr>
            <th scope="row">{field.label()}</th>
            {choice(Side::Ours, ours, keep)}
            {choice(Side::Theirs, theirs, take)}
        </tr>
    }
}
