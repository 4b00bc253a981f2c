//! Comparing the open file with a second one (say, the export of another
//! ProGet instance) and taking users and groups across: the users only the
//! other file has (one by one or all at once), its groups, and the fields
//! of users both have but differ in, chosen field by field side by side.
//! Every take is one edit, undoable like any other. The import plan shows
//! what importing the other file over this one would change.

mod conflict_card;
mod import_plan;
mod only_theirs;
mod open_other;

pub use conflict_card::{ConflictCard, FieldChoice};
pub use import_plan::ComparePlan;
pub use only_theirs::{OnlyOurs, OnlyTheirs, TheirGroups};
pub use open_other::OpenOther;

use crate::forms::CountCard;
use crate::labels::plural;
use crate::state::{Compared, Document};
use foldhash::{HashMap, HashMapExt};
use leptos::prelude::*;
use proget_users_core::merge::{self, Comparison, Field, Resolution, Side};
use std::sync::Arc;

/// How many users a list shows; the rest are counted.
pub const LIMIT: usize = 300;

/// The choices for conflicting users' fields: taken from the other file,
/// or kept (the default).
pub type Choices = RwSignal<HashMap<(String, Field), Side>>;

/// Takes a user of the other file (named as it has it) into this one.
pub fn take_user(document: Document, compared: Compared, name: &str, resolution: Resolution) {
    let Some(theirs) = compared.other_untracked() else {
        return;
    };
    let Some(user) = theirs.user(name).cloned() else {
        return;
    };
    let _ = document.apply("Take user", |f| merge::take_user(f, &user, &resolution));
}

/// Declares a group of the other file in this one.
pub fn take_group(document: Document, compared: Compared, group: &str) {
    if let Some(theirs) = compared.other_untracked() {
        let _ = document.apply("Take group", |f| merge::take_group(f, &theirs, group));
    }
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let compared = Compared::get();
    view! {
        <div class="compare">
            <Show
                when=move || compared.is_open()
                fallback=|| {
                    view! {
                        <div class="compare-empty">
                            <p class="lead">
                                "Open a second export to see how it differs from this file, and take users and groups from it."
                            </p>
                            <OpenOther />
                        </div>
                    }
                }
            >
                <Comparing />
            </Show>
        </div>
    }
}

/// A comparison under way: its head, its counts, and each kind of
/// difference.
#[component]
fn Comparing() -> impl IntoView {
    let document = Document::get();
    let compared = Compared::get();
    let choices: Choices = RwSignal::new(HashMap::new());
    let result = move || compared.result();
    let count = move |f: fn(&Comparison) -> usize| {
        Signal::derive(move || compared.result().map_or(0, |c| f(&c)))
    };
    let missing = move || {
        compared.result().map_or((0, 0), |c| {
            (c.only_theirs.len(), c.groups_only_theirs.len())
        })
    };
    let take_all = move |_| {
        if let Some(theirs) = compared.other_untracked() {
            let _ = document.apply("Take all missing", |f| {
                Ok::<_, merge::MergeError>(merge::take_all_missing(f, &theirs))
            });
        }
    };
    let section =
        move |f: fn(Arc<Comparison>, Choices) -> AnyView| move || result().map(|c| f(c, choices));
    view! {
        <div class="compare-head">
            <h2>"Compared with " <span class="other-name">{move || compared.label()}</span></h2>
            <span class="grow"></span>
            <button type="button" class="button primary" disabled=move || missing() == (0, 0) on:click=take_all>
                {move || {
                    let (users, groups) = missing();
                    format!(
                        "Take all missing ({}, {})",
                        plural(users, "user", "users"),
                        plural(groups, "group", "groups"),
                    )
                }}
            </button>
            <button type="button" class="button quiet" on:click=move |_| compared.close()>
                "Close comparison"
            </button>
        </div>
        <dl class="count-cards">
            <CountCard label="Only here" count=count(|c| c.only_ours.len()) />
            <CountCard label="Only there" count=count(|c| c.only_theirs.len()) class="added" />
            <CountCard label="Different" count=count(|c| c.conflicts.len()) class="updated" />
            <CountCard label="Same" count=count(|c| c.same.len()) />
            <CountCard label="Groups only there" count=count(|c| c.groups_only_theirs.len()) />
        </dl>
        <Show when=move || result().is_some_and(|c| c.is_same())>
            <p class="all-good">"The two files hold the same users and groups."</p>
        </Show>
        {section(|c, _| view! { <OnlyTheirs comparison=c /> }.into_any())}
        {section(|c, _| view! { <TheirGroups comparison=c /> }.into_any())}
        {section(|c, choices| view! { <Conflicts comparison=c choices=choices /> }.into_any())}
        {section(|c, _| view! { <OnlyOurs comparison=c /> }.into_any())}
        <ComparePlan />
    }
}

/// The users both files have, different: a card each.
#[component]
fn Conflicts(comparison: Arc<Comparison>, choices: Choices) -> impl IntoView {
    (!comparison.conflicts.is_empty()).then(|| {
        view! {
            <section class="compare-section" aria-labelledby="conflicts-title">
                <h3 id="conflicts-title">"In both, but different"</h3>
                <p class="muted">"Choose, field by field, which value to keep. This file is changed; the other is only read."</p>
                {comparison
                    .conflicts
                    .iter()
                    .take(LIMIT)
                    .cloned()
                    .map(|c| view! { <ConflictCard conflict=c choices=choices /> })
                    .collect_view()}
            </section>
        }
    })
}
