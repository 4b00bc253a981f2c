//! The editor screen: tabs for the users, the groups, the import plan and
//! a comparison, the tools and the hashing banner over them, and saving
//! and the problems at the side.

use crate::changes::Changes;
use crate::compare::ComparePanel;
use crate::download::DownloadPanel;
use crate::groups_panel::GroupsPanel;
use crate::hash_banner::HashBanner;
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
            <section class="content">
                <div class="tabs" role="tablist" aria-label="Views">
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

/// One tab: its name and a count.
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
            aria-controls="tab-panel"
            on:click=move |_| navigation.open_tab(tab)
        >
            {label}
            <span class="tab-count">{move || count.get()}</span>
        </button>
    }
}
