//! Where the page is: which screen fills it and which tab is open.

use leptos::prelude::*;

/// What fills the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Ways to open a file.
    Start,
    /// A file that could not be read, as text to fix.
    Raw,
    /// The users and groups of an open file.
    Editor,
}

/// The tabs of the editor screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Users,
    Groups,
    Changes,
    /// The comparison with a second file.
    Compare,
}

impl Tab {
    /// The id of the tab's button (the panel is labelled by it).
    pub fn id(self) -> &'static str {
        match self {
            Tab::Users => "tab-users",
            Tab::Groups => "tab-groups",
            Tab::Changes => "tab-changes",
            Tab::Compare => "tab-compare",
        }
    }
}

/// The screen and the tab, shared through context.
#[derive(Clone, Copy)]
pub struct Navigation {
    screen: RwSignal<Screen>,
    tab: RwSignal<Tab>,
    /// Whether a file has been opened (or started) since the page loaded.
    loaded: RwSignal<bool>,
}

impl Navigation {
    pub fn new() -> Self {
        Navigation {
            screen: RwSignal::new(Screen::Start),
            tab: RwSignal::new(Tab::Users),
            loaded: RwSignal::new(false),
        }
    }

    /// The navigation of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    pub fn screen(&self) -> Screen {
        self.screen.get()
    }

    pub fn screen_untracked(&self) -> Screen {
        self.screen.get_untracked()
    }

    pub fn tab(&self) -> Tab {
        self.tab.get()
    }

    /// Whether a file is open, to go back to.
    pub fn loaded(&self) -> bool {
        self.loaded.get()
    }

    pub fn loaded_untracked(&self) -> bool {
        self.loaded.get_untracked()
    }

    pub fn show(&self, screen: Screen) {
        self.screen.set(screen);
    }

    pub fn open_tab(&self, tab: Tab) {
        self.tab.set(tab);
    }

    /// Shows a file just opened: the editor screen, on the users tab.
    pub(crate) fn show_opened(&self) {
        self.tab.set(Tab::Users);
        self.screen.set(Screen::Editor);
        self.loaded.set(true);
    }
}

impl Default for Navigation {
    fn default() -> Self {
        Self::new()
    }
}
