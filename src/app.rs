//! The page: toolbar, the screen of the moment, the status line, and what
//! works anywhere on it (dropping a file, the warning before leaving with
//! changes not yet downloaded).

use crate::changes::Changes;
use crate::compare_panel::ComparePanel;
use crate::dialog::{ConfirmDialog, Confirmations};
use crate::download::DownloadPanel;
use crate::groups_panel::GroupsPanel;
use crate::hash_run::HashBanner;
use crate::open_panel::{open_file, OpenPanel};
use crate::power_bar::PowerBar;
use crate::problems::Problems;
use crate::raw_view::RawView;
use crate::state::{Editor, Screen, Tab};
use crate::status_line::StatusLine;
use crate::toolbar::Toolbar;
use crate::users_table::UsersTable;
use leptos::ev;
use leptos::prelude::*;
use web_sys::DragEvent;

/// The whole editor, with its own [`Editor`] state.
#[component]
pub fn App() -> impl IntoView {
    let editor = Editor::new();
    provide_context(editor);
    view! { <Shell /> }
}

/// The page around an [`Editor`] already in context (tests provide their own).
#[component]
pub fn Shell() -> impl IntoView {
    let editor = Editor::get();
    let confirm = Confirmations::new();
    provide_context(confirm);
    let dragging = RwSignal::new(0_i32);

    let leave = window_event_listener(ev::beforeunload, move |e| {
        let busy = editor.hashing.with_untracked(Option::is_some);
        if editor.dirty.get_untracked() || busy {
            e.prevent_default();
            e.set_return_value("Your changes have not been downloaded.");
        }
    });
    let enter = window_event_listener(ev::dragenter, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            dragging.update(|d| *d += 1);
        }
    });
    let exit = window_event_listener(ev::dragleave, move |e| {
        if carries_files(&e) {
            dragging.update(|d| *d = (*d - 1).max(0));
        }
    });
    let over = window_event_listener(ev::dragover, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        if !carries_files(&e) {
            return;
        }
        e.prevent_default();
        dragging.set(0);
        let file = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            open_file(editor, confirm, file);
        }
    });
    on_cleanup(move || {
        leave.remove();
        enter.remove();
        exit.remove();
        over.remove();
        drop.remove();
    });

    view! {
        <div class="app">
            <Toolbar />
            <main class="main" id="main">
                {move || match editor.screen.get() {
                    Screen::Start => view! { <OpenPanel /> }.into_any(),
                    Screen::Raw => view! { <RawView /> }.into_any(),
                    Screen::Editor => view! { <Workspace /> }.into_any(),
                }}
            </main>
            <StatusLine />
            <ConfirmDialog />
            <div class="drop-overlay" class:shown=move || { dragging.get() > 0 } aria-hidden="true">
                <p>"Drop the file to open it"</p>
            </div>
        </div>
    }
}

/// Whether a drag carries files (not text or a link).
fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|dt| dt.types().includes(&"Files".into(), 0))
        .unwrap_or(false)
}

/// The editor screen: tabs for users, groups and the import plan, with
/// download and problems at the side.
#[component]
pub fn Workspace() -> impl IntoView {
    let editor = Editor::get();
    let users = Signal::derive(move || editor.file.with(|f| f.users.len()));
    let groups = Signal::derive(move || editor.groups.with(Vec::len));
    let changes = Signal::derive(move || editor.plan.with(|p| p.len()));
    // A memo: the comparison runs once per change, not once per reader.
    let differences = Memo::new(move |_| {
        editor.other.with(|o| {
            o.as_ref().map_or(0, |o| {
                editor.file.with(|f| {
                    let c = proget_users_core::merge::compare(f, &o.file);
                    c.only_ours.len() + c.only_theirs.len() + c.conflicts.len()
                })
            })
        })
    });
    let tab = move |which: Tab, id: &'static str, label: &'static str, count: Signal<usize>| {
        view! {
            <button
                type="button"
                role="tab"
                id=id
                class="tab"
                aria-selected=move || (editor.tab.get() == which).to_string()
                aria-controls="tab-panel"
                on:click=move |_| editor.tab.set(which)
            >
                {label}
                <span class="tab-count">{move || count.get()}</span>
            </button>
        }
    };
    let labelled_by = move || match editor.tab.get() {
        Tab::Users => "tab-users",
        Tab::Groups => "tab-groups",
        Tab::Changes => "tab-changes",
        Tab::Compare => "tab-compare",
    };
    view! {
        <div class="workspace">
            <section class="content">
                <div class="tabs" role="tablist" aria-label="Views">
                    {tab(Tab::Users, "tab-users", "Users", users)}
                    {tab(Tab::Groups, "tab-groups", "Groups", groups)}
                    {tab(Tab::Changes, "tab-changes", "Changes", changes)}
                    {tab(Tab::Compare, "tab-compare", "Compare", differences.into())}
                </div>
                <PowerBar />
                <HashBanner />
                <div class="tab-panel" role="tabpanel" id="tab-panel" aria-labelledby=labelled_by>
                    {move || match editor.tab.get() {
                        Tab::Users => view! { <UsersTable /> }.into_any(),
                        Tab::Groups => view! { <GroupsPanel /> }.into_any(),
                        Tab::Changes => view! { <Changes /> }.into_any(),
                        Tab::Compare => view! { <ComparePanel /> }.into_any(),
                    }}
                </div>
            </section>
            <aside class="side" aria-label="Download and problems">
                <DownloadPanel />
                <Problems />
            </aside>
        </div>
    }
}
