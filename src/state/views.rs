//! What the page shows about the whole file: its problems, the import
//! plan, the groups with their member counts (all [`deferred`]), and two
//! counts cheap enough to keep exact at once.

use crate::group_rows::{group_rows, GroupRow};
use crate::labels::change_count;
use crate::problem_lines::{problem_lines, ProblemLine};
use crate::state::deferred::deferred;
use crate::state::{Document, HashJob};
use leptos::prelude::*;
use proget_users_core::plan::{self, ImportPlan, PlanOptions};
use proget_users_core::validate::{self, Severity};

/// The problems of the file, as the list shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checks {
    pub errors: usize,
    pub warnings: usize,
    /// One line per message, errors first.
    pub lines: Vec<ProblemLine>,
}

/// What importing the file over the opened one would change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanView {
    pub plan: ImportPlan,
    /// The number of changes (lines of the plan).
    pub changes: usize,
}

/// The whole-file views, shared through context.
#[derive(Clone, Copy)]
pub struct FileViews {
    checks: ReadSignal<Checks>,
    plan: ReadSignal<PlanView>,
    groups: ReadSignal<Vec<GroupRow>>,
    plaintext: Memo<usize>,
    /// ProGet's "Delete missing users and groups" import option.
    delete_missing: RwSignal<bool>,
}

impl FileViews {
    pub fn new(document: Document, job: HashJob) -> Self {
        let delete_missing = RwSignal::new(false);
        let checks = deferred(
            job,
            Checks::default(),
            move || document.track_content(),
            move || document.is_large(),
            move || {
                document.read_untracked(|file| {
                    let findings = validate::validate(file);
                    let errors = findings
                        .iter()
                        .filter(|f| f.severity() == Severity::Error)
                        .count();
                    Checks {
                        errors,
                        warnings: findings.len() - errors,
                        lines: problem_lines(&findings, file),
                    }
                })
            },
        );
        let plan = deferred(
            job,
            PlanView::default(),
            move || {
                document.track_content();
                delete_missing.track();
            },
            move || document.is_large(),
            move || {
                if document.untouched() {
                    // The file as opened imports as a change of nothing.
                    return PlanView::default();
                }
                let options = PlanOptions {
                    delete_missing: delete_missing.get_untracked(),
                };
                let plan = document.read_opened(|server| {
                    document.read_untracked(|import| plan::plan(server, import, options))
                });
                PlanView {
                    changes: change_count(&plan),
                    plan,
                }
            },
        );
        let groups = deferred(
            job,
            Vec::new(),
            move || document.track_content(),
            move || document.is_large(),
            move || document.read_untracked(group_rows),
        );
        let plaintext = Memo::new(move |_| document.read(|f| f.plaintext_count()));
        FileViews {
            checks,
            plan,
            groups,
            plaintext,
            delete_missing,
        }
    }

    /// The views of the surrounding component tree.
    pub fn get() -> Self {
        expect_context()
    }

    /// The problems (tracked).
    pub fn checks(&self) -> ReadSignal<Checks> {
        self.checks
    }

    /// How many problems are errors (tracked).
    pub fn error_count(&self) -> usize {
        self.checks.with(|c| c.errors)
    }

    /// The import plan (tracked).
    pub fn plan(&self) -> ReadSignal<PlanView> {
        self.plan
    }

    /// Every group with its member count (tracked).
    pub fn groups(&self) -> ReadSignal<Vec<GroupRow>> {
        self.groups
    }

    /// How many users have a plaintext password (tracked; exact at once).
    pub fn plaintext(&self) -> usize {
        self.plaintext.get()
    }

    pub fn delete_missing(&self) -> bool {
        self.delete_missing.get()
    }

    pub fn set_delete_missing(&self, on: bool) {
        self.delete_missing.set(on);
    }
}
