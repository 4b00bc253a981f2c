//! The editor screen: tabs for the users, the groups, the import plan and
//! a comparison, the tools and the hashing banner over them, and saving
//! and the problems at the side.

use crate::changes::Changes;
use crate::compare::ComparePanel;
use crate::deferred::{fetched, split_point, Deferred};
use crate::download::DownloadPanel;
use crate::groups_panel::GroupsPanel;
use crate::hash_banner::HashBanner;
use crate::keys::Move;
use crate::problems::Problems;
use crate::state::{Compared, Document, FileViews, Navigation, Tab};
use crate::tools_bar::ToolsBar;
use crate::users_table::UsersTable;
use leptos::prelude::*;

#[component]
pub fn Workspace() -> impl IntoView {
    let navigation = Navigation::get();
    let document = Document::get();
    let views = FileViews::get();
    let compared = Compared::get();
    view! {
        <div class="workspace">
            // The screen's heading, for those who move by headings; the
            // toolbar shows the same name.
            <h1 class="visually-hidden">
                {move || {
                    let name = document.name().unwrap_or_else(|| "a new file".to_owned());
                    format!("Users and groups of {name}")
                }}
            </h1>
            <section class="content">
                <div class="tabs" role="tablist" aria-label="Views" on:keydown=move |ev| tab_key(navigation, &ev)>
                    <TabButton tab=Tab::Users label="Users" count=Signal::derive(move || document.users_len()) />
                    <TabButton tab=Tab::Groups label="Groups" count=Signal::derive(move || views.groups().with(Vec::len)) />
                    <TabButton tab=Tab::Changes label="Changes" count=Signal::derive(move || views.plan().with(|p| p.changes)) />
                    <TabButton tab=Tab::Compare label="Compare" count=Signal::derive(move || compared.differences()) />
                </div>
                <ToolsBar />
                <HashBanner />
                <div
                    class="tab-panel"
                    role="tabpanel"
                    id="tab-panel"
                    aria-labelledby=move || navigation.tab().id()
                >
                    {move || match navigation.tab() {
                        Tab::Users => view! { <UsersTable /> }.into_any(),
                        Tab::Groups => view! { <Deferred fetch=fetch_groups_tab show=|| async { fetched!(groups_tab()) } /> }.into_any(),
                        Tab::Changes => view! { <Deferred fetch=fetch_changes_tab show=|| async { fetched!(changes_tab()) } /> }.into_any(),
                        Tab::Compare => view! { <Deferred fetch=fetch_compare_tab show=|| async { fetched!(compare_tab()) } /> }.into_any(),
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

// The tabs other than the users': their code is fetched when first opened
// (crate::deferred).
split_point!(
    groups_tab,
    fetch = fetch_groups_tab,
    fn groups_tab() -> AnyView {
        view! { <GroupsPanel /> }.into_any()
    }
);
split_point!(
    changes_tab,
    fetch = fetch_changes_tab,
    fn changes_tab() -> AnyView {
        view! { <Changes /> }.into_any()
    }
);
split_point!(
    compare_tab,
    fetch = fetch_compare_tab,
    fn compare_tab() -> AnyView {
        view! { <ComparePanel /> }.into_any()
    }
);

/// The tabs' keys (the WAI-ARIA tabs pattern): Left and Right go to the
/// tab before or after (round from the ends), Home and End to the first
/// and last; the tab reached opens and takes the focus. Tab itself leaves
/// the list for the open panel, since only the open tab is in the tab
/// order.
fn tab_key(navigation: Navigation, ev: &web_sys::KeyboardEvent) {
    if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let Some(step) = Move::horizontal(&ev.key()) else {
        return;
    };
    let from = Tab::ALL
        .iter()
        .position(|&t| t == navigation.tab_untracked())
        .unwrap_or(0);
    let Some(to) = step.apply(from, Tab::ALL.len(), true, 1) else {
        return;
    };
    ev.prevent_default();
    let tab = Tab::ALL[to];
    navigation.open_tab(tab);
    if let Some(button) = document()
        .get_element_by_id(tab.id())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = button.focus();
    }
}

/// One tab: its name and a count. Only the open tab is in the tab order
/// (a roving tab index); the arrow keys reach the others.
#[component]
fn TabButton(tab: Tab, label: &'static str, count: Signal<usize>) -> impl IntoView {
    let navigation = Navigation::get();
    view! {
        <button
            type="button"
            role="tab"
            id=tab.id()
            class="tab"
            aria-selected=move || (navigation.tab() == tab).to_string()
            tabindex=move || if navigation.tab() == tab { "0" } else { "-1" }
            aria-controls="tab-panel"
            on:click=move |_| navigation.open_tab(tab)
        >
            {label}
            <span class="tab-count">{move || count.get()}</span>
        </button>
    }
}
