//! Comparing the open file with a second one (say, the export of another
//! ProGet instance) and taking users and groups across: the users only the
//! other file has (one by one or all at once), its groups, and the fields
//! of users both have but differ in, chosen field by field side by side.
//! Every take is one edit, undoable like any other. The import plan shows
//! what importing the other file over this one would change.

use crate::files::{read_file, FileChooser};
use crate::state::{plural, Editor};
use leptos::html;
use leptos::prelude::*;
use proget_users_core::merge::{self, Comparison, Field, Resolution, Side};
use proget_users_core::model::UsersFile;
use proget_users_core::parse;
use proget_users_core::plan::{self, PlanOptions};
use std::collections::HashMap;

/// How many users a list shows; the rest are counted.
const LIMIT: usize = 300;

/// The second file of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherFile {
    /// Its name, or `None` when pasted.
    pub name: Option<String>,
    pub file: UsersFile,
}

impl OtherFile {
    /// The name to show for it.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| "the pasted file".to_owned())
    }
}

/// Reads a second file for comparison; the error names the first problem.
pub fn read_other(name: Option<String>, bytes: &[u8]) -> Result<OtherFile, String> {
    match parse::parse(bytes) {
        Ok(parsed) => Ok(OtherFile {
            name,
            file: parsed.file,
        }),
        Err(e) => Err(format!(
            "{} could not be read: {}",
            name.as_deref().unwrap_or("The pasted text"),
            e.first()
        )),
    }
}

/// The choices for one conflicting user's fields: taken from the other
/// file, or kept (the default).
type Choices = HashMap<(String, Field), Side>;

#[component]
fn OpenOther() -> impl IntoView {
    let editor = Editor::get();
    let pasted = NodeRef::<html::Textarea>::new();
    let problem = RwSignal::new(None::<String>);
    let paste_empty = RwSignal::new(true);
    let open = move |name: Option<String>, bytes: &[u8]| match read_other(name, bytes) {
        Ok(other) => {
            problem.set(None);
            editor.other.set(Some(other));
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
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(area) = pasted.get() {
            open(None, area.value().as_bytes());
        }
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
            <form class="card" on:submit=on_paste>
                <h3>
                    <label for="compare-text">"Or paste its JSON"</label>
                </h3>
                <textarea
                    node_ref=pasted
                    id="compare-text"
                    rows="4"
                    spellcheck="false"
                    autocomplete="off"
                    on:input=move |ev| paste_empty.set(event_target_value(&ev).trim().is_empty())
                ></textarea>
                <button type="submit" class="button" disabled=move || paste_empty.get()>
                    "Compare pasted text"
                </button>
            </form>
            <p class="form-error" role="alert">{move || problem.get()}</p>
        </div>
    }
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let editor = Editor::get();
    let comparison = Memo::new(move |_| {
        editor.other.with(|o| {
            o.as_ref()
                .map(|o| editor.file.with(|f| merge::compare(f, &o.file)))
        })
    });
    let import_plan = Memo::new(move |_| {
        editor.other.with(|o| {
            o.as_ref().map(|o| {
                editor
                    .file
                    .with(|f| plan::plan(f, &o.file, PlanOptions::default()).lines())
            })
        })
    });
    let choices = RwSignal::new(Choices::new());
    let other_name = move || {
        editor
            .other
            .with(|o| o.as_ref().map(OtherFile::label).unwrap_or_default())
    };

    let take_user = move |name: String, resolution: Resolution| {
        let Some(theirs) = editor
            .other
            .with_untracked(|o| o.as_ref().and_then(|o| o.file.user(&name).cloned()))
        else {
            return;
        };
        let _ = editor.apply_any("Take user", |f| merge::take_user(f, &theirs, &resolution));
    };
    let take_group = move |group: String| {
        editor.other.with_untracked(|o| {
            if let Some(o) = o {
                let _ = editor.apply_any("Take group", |f| merge::take_group(f, &o.file, &group));
            }
        });
    };
    let take_all = move |_| {
        editor.other.with_untracked(|o| {
            if let Some(o) = o {
                let _ = editor.apply_any("Take all missing", |f| {
                    Ok::<_, merge::MergeError>(merge::take_all_missing(f, &o.file))
                });
            }
        });
    };
    let card = |label: &'static str, class: &'static str, n: Signal<usize>| {
        view! {
            <div class=format!("count-card {class}")>
                <dt>{label}</dt>
                <dd>{move || n.get()}</dd>
            </div>
        }
    };
    let count = move |f: fn(&Comparison) -> usize| {
        Signal::derive(move || comparison.with(|c| c.as_ref().map_or(0, f)))
    };
    let missing = move || {
        comparison.with(|c| {
            c.as_ref().map_or((0, 0), |c| {
                (c.only_theirs.len(), c.groups_only_theirs.len())
            })
        })
    };

    let only_theirs = move || {
        let cmp = comparison.get()?;
        let users: Vec<_> = editor.other.with(|o| {
            o.as_ref().map_or(Vec::new(), |o| {
                cmp.only_theirs
                    .iter()
                    .take(LIMIT)
                    .filter_map(|n| o.file.user(n).cloned())
                    .collect()
            })
        });
        let more = cmp.only_theirs.len().saturating_sub(LIMIT);
        (!cmp.only_theirs.is_empty()).then(|| {
            view! {
                <section class="compare-section" aria-labelledby="only-theirs-title">
                    <h3 id="only-theirs-title">{format!("Only in {}", other_name())}</h3>
                    <table class="compare-table">
                        <thead>
                            <tr>
                                <th scope="col">"User name"</th>
                                <th scope="col">"Display name"</th>
                                <th scope="col">"Email"</th>
                                <th scope="col">"Groups"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {users
                                .into_iter()
                                .map(|u| {
                                    let name = u.user_name.clone();
                                    view! {
                                        <tr class="only-theirs">
                                            <td class="name">{u.user_name.clone()}</td>
                                            <td>{u.display_name.clone().unwrap_or_default()}</td>
                                            <td>{u.email_address.clone().unwrap_or_default()}</td>
                                            <td>{u.groups.join(", ")}</td>
                                            <td class="actions">
                                                <button
                                                    type="button"
                                                    class="button small"
                                                    aria-label=format!("Take user {name}")
                                                    on:click={
                                                        let name = name.clone();
                                                        move |_| take_user(name.clone(), Resolution::Theirs)
                                                    }
                                                >
                                                    "Take"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
                </section>
            }
        })
    };

    let groups_theirs = move || {
        let cmp = comparison.get()?;
        (!cmp.groups_only_theirs.is_empty()).then(|| {
            view! {
                <section class="compare-section" aria-labelledby="groups-theirs-title">
                    <h3 id="groups-theirs-title">{format!("Groups only in {}", other_name())}</h3>
                    <ul class="compare-groups">
                        {cmp
                            .groups_only_theirs
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <li class="chip-row">
                                        <span class="chip">{g.clone()}</span>
                                        <button
                                            type="button"
                                            class="button small"
                                            aria-label=format!("Take group {g}")
                                            on:click={
                                                let g = g.clone();
                                                move |_| take_group(g.clone())
                                            }
                                        >
                                            "Take"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };

    let conflicts = move || {
        let cmp = comparison.get()?;
        (!cmp.conflicts.is_empty()).then(|| {
            view! {
                <section class="compare-section" aria-labelledby="conflicts-title">
                    <h3 id="conflicts-title">"In both, but different"</h3>
                    <p class="muted">"Choose, field by field, which value to keep. This file is changed; the other is only read."</p>
                    {cmp
                        .conflicts
                        .into_iter()
                        .take(LIMIT)
                        .map(|c| {
                            let name = c.name.clone();
                            let theirs_name = c.theirs_name.clone();
                            let fields: Vec<Field> = c.fields.iter().map(|d| d.field).collect();
                            let title_id = format!("conflict-{}", c.name.replace(char::is_whitespace, "_"));
                            let labelled_by = title_id.clone();
                            view! {
                                <div class="conflict card" role="group" aria-labelledby=labelled_by>
                                    <h4 id=title_id>{c.name.clone()}</h4>
                                    <table class="conflict-table">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Field"</th>
                                                <th scope="col">"This file"</th>
                                                <th scope="col">{other_name()}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c
                                                .fields
                                                .into_iter()
                                                .map(|d| {
                                                    let key = (name.clone(), d.field);
                                                    let key2 = key.clone();
                                                    let key3 = key.clone();
                                                    let key4 = key.clone();
                                                    let group = format!("choice-{}-{:?}", name, d.field);
                                                    let show = |v: Option<String>| v.unwrap_or_else(|| "(none)".to_owned());
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{d.field.label()}</th>
                                                            <td>
                                                                <label class="choice" class:chosen=move || choices.with(|c| c.get(&key).copied().unwrap_or(Side::Ours) == Side::Ours)>
                                                                    <input
                                                                        type="radio"
                                                                        name=group.clone()
                                                                        aria-label=format!("Keep this file's {} for {}", d.field.label(), name)
                                                                        prop:checked=move || choices.with(|c| c.get(&key2).copied().unwrap_or(Side::Ours) == Side::Ours)
                                                                        on:change={
                                                                            let key = key4.clone();
                                                                            move |_| choices.update(|c| { c.insert(key.clone(), Side::Ours); })
                                                                        }
                                                                    />
                                                                    <span class="value">{show(d.ours)}</span>
                                                                </label>
                                                            </td>
                                                            <td>
                                                                <label class="choice" class:chosen=move || choices.with(|c| c.get(&key3).copied() == Some(Side::Theirs))>
                                                                    <input
                                                                        type="radio"
                                                                        name=group
                                                                        aria-label=format!("Use the other file's {} for {}", d.field.label(), name)
                                                                        prop:checked={
                                                                            let key = key4.clone();
                                                                            move || choices.with(|c| c.get(&key).copied() == Some(Side::Theirs))
                                                                        }
                                                                        on:change={
                                                                            let key = key4.clone();
                                                                            move |_| choices.update(|c| { c.insert(key.clone(), Side::Theirs); })
                                                                        }
                                                                    />
                                                                    <span class="value">{show(d.theirs)}</span>
                                                                </label>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <div class="conflict-actions">
                                        <button
                                            type="button"
                                            class="button"
                                            aria-label=format!("Apply the choices for {}", c.name)
                                            on:click={
                                                let name = c.name.clone();
                                                let theirs_name = theirs_name.clone();
                                                let fields = fields.clone();
                                                move |_| {
                                                    let picked: Vec<(Field, Side)> = choices.with_untracked(|c| {
                                                        fields
                                                            .iter()
                                                            .map(|f| (*f, c.get(&(name.clone(), *f)).copied().unwrap_or(Side::Ours)))
                                                            .collect()
                                                    });
                                                    take_user(theirs_name.clone(), Resolution::from_choices(&picked));
                                                }
                                            }
                                        >
                                            "Apply choices"
                                        </button>
                                        <button
                                            type="button"
                                            class="button quiet"
                                            aria-label=format!("Take every field of {} from the other file", c.name)
                                            on:click={
                                                let theirs_name = theirs_name.clone();
                                                move |_| take_user(theirs_name.clone(), Resolution::Theirs)
                                            }
                                        >
                                            "Take all theirs"
                                        </button>
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()}
                </section>
            }
        })
    };

    let only_ours = move || {
        let cmp = comparison.get()?;
        (!cmp.only_ours.is_empty()).then(|| {
            let more = cmp.only_ours.len().saturating_sub(LIMIT);
            view! {
                <section class="compare-section" aria-labelledby="only-ours-title">
                    <h3 id="only-ours-title">"Only in this file"</h3>
                    <p class="name-list">
                        {cmp.only_ours.into_iter().take(LIMIT).collect::<Vec<_>>().join(", ")}
                        {(more > 0).then(|| format!(" and {more} more"))}
                    </p>
                </section>
            }
        })
    };

    view! {
        <div class="compare">
            {move || {
                if editor.other.with(Option::is_none) {
                    view! {
                        <div class="compare-empty">
                            <p class="lead">
                                "Open a second export to see how it differs from this file, and take users and groups from it."
                            </p>
                            <OpenOther />
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="compare-head">
                            <h2>
                                "Compared with "
                                <span class="other-name">{other_name}</span>
                            </h2>
                            <span class="grow"></span>
                            <button
                                type="button"
                                class="button primary"
                                disabled=move || missing() == (0, 0)
                                on:click=take_all
                            >
                                {move || {
                                    let (users, groups) = missing();
                                    format!(
                                        "Take all missing ({}, {})",
                                        plural(users, "user", "users"),
                                        plural(groups, "group", "groups"),
                                    )
                                }}
                            </button>
                            <button
                                type="button"
                                class="button quiet"
                                on:click=move |_| {
                                    editor.other.set(None);
                                    choices.set(Choices::new());
                                }
                            >
                                "Close comparison"
                            </button>
                        </div>
                        <dl class="count-cards">
                            {card("Only here", "", count(|c| c.only_ours.len()))}
                            {card("Only there", "added", count(|c| c.only_theirs.len()))}
                            {card("Different", "updated", count(|c| c.conflicts.len()))}
                            {card("Same", "", count(|c| c.same.len()))}
                            {card("Groups only there", "", count(|c| c.groups_only_theirs.len()))}
                        </dl>
                        <Show when=move || comparison.with(|c| c.as_ref().is_some_and(Comparison::is_same))>
                            <p class="all-good">"The two files hold the same users and groups."</p>
                        </Show>
                        {only_theirs}
                        {groups_theirs}
                        {conflicts}
                        {only_ours}
                        <details class="compare-plan">
                            <summary>
                                {move || {
                                    format!(
                                        "Import plan: importing {} over this file would make {}",
                                        other_name(),
                                        plural(import_plan.with(|p| p.as_ref().map_or(0, Vec::len)), "change", "changes"),
                                    )
                                }}
                            </summary>
                            <ul class="plan-lines">
                                {move || {
                                    import_plan
                                        .get()
                                        .unwrap_or_default()
                                        .into_iter()
                                        .take(LIMIT)
                                        .map(|l| view! { <li><code>{l}</code></li> })
                                        .collect_view()
                                }}
                            </ul>
                        </details>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
