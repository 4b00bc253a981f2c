//! `proget-users edit FILE [-o OUT] EDIT [\; EDIT]...`: every edit the
//! editor can make, from the command line, several in one go, all or
//! nothing.
//!
//! The edits are read first (a usage error in any of them stops the run
//! before FILE is read), then made in order on the file in memory. After
//! each, the file is validated: an edit that cannot be made, or that would
//! leave an error the file did not have, stops the run and nothing is
//! written.

use crate::args::{AddUserArgs, Edit, EditArgs, EditLine, NewPassword, SetUserArgs};
use crate::failure::Failure;
use crate::names::{find_group, find_user, UserNames};
use crate::output::{Files, Outputs};
use crate::secret::read_password;
use crate::sheets::Sheets;
use crate::{diff, input, message, paths, report};
use clap::Parser;
use proget_users_core::edit::{self, Change, EditError, PasswordStorage};
use proget_users_core::generate::{self, Credential, PasswordPolicy};
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::strength::{assess, Owner};
use proget_users_core::text::{is_unsafe, quoted};
use proget_users_core::validate::{is_plausible_email, validate, Severity};
use proget_users_core::{write, User, UsersFile};
use std::collections::HashSet;
use std::process::ExitCode;
use zeroize::{Zeroize, Zeroizing};

/// The argument that separates one edit from the next.
pub const SEPARATOR: &str = ";";

/// The options of `edit` itself, which go before the first edit.
const EDIT_OPTIONS: [&str; 13] = [
    "-o",
    "--output",
    "--dry-run",
    "--credentials",
    "--slips",
    "--server",
    "--layout",
    "--length",
    "--no-lowercase",
    "--no-uppercase",
    "--no-digits",
    "--no-symbols",
    "--no-ambiguous",
];

/// Makes the edits and writes the result (or, with `--dry-run`, prints
/// the plan), then lists what each edit changed on standard error.
pub fn run(args: &EditArgs) -> Result<ExitCode, Failure> {
    let edits = parse_edits(&args.edits)?;
    let reading = edits
        .iter()
        .filter(|e| password(e).is_some_and(|p| p.password_stdin));
    match reading.count() {
        0 => {}
        1 if paths::is_stdio(&args.file) => {
            return Err(Failure::Message(
                "FILE cannot be - when an edit reads a password from standard input".to_owned(),
            ))
        }
        1 => {}
        _ => {
            return Err(Failure::Message(
                "only one edit can read a password from standard input".to_owned(),
            ))
        }
    }
    let generates = edits
        .iter()
        .any(|e| password(e).is_some_and(|p| p.generate));
    let sheets = Sheets::new(args.credentials.as_deref(), &args.slips);
    match (sheets.any(), generates) {
        (false, true) => {
            return Err(Failure::Message(
                "--generate needs --credentials SHEET.csv or --slips SLIPS.html: generated \
                 passwords are written there and nowhere else"
                    .to_owned(),
            ))
        }
        (true, false) => {
            return Err(Failure::Message(format!(
                "{} given but no edit has --generate",
                if args.credentials.is_some() {
                    "--credentials is"
                } else {
                    "--slips is"
                }
            )))
        }
        _ => {}
    }
    sheets.refuse_stdio("edit")?;
    sheets
        .checked_with(
            Files::new()
                .edited("FILE", &args.file)
                .result("-o", args.output.as_deref()),
        )
        .check()?;
    let policy = args.policy.policy();
    if generates {
        policy
            .validate()
            .map_err(|e| Failure::Message(e.to_string()))?;
    }

    let (name, parsed) = input::parse(&args.file)?;
    let original = args.dry_run.then(|| parsed.file.clone());
    let mut session = Session {
        file: parsed.file,
        name: &name,
        policy,
        credentials: Vec::new(),
        done: Vec::new(),
        current: String::new(),
        warnings: Vec::new(),
    };
    let made = make_all(&mut session, &edits);
    let rendered = sheets.render(&session.credentials);
    for credential in &mut session.credentials {
        credential.password.zeroize();
    }
    made?;
    let file = &session.file;

    if let Some(original) = original {
        let options = PlanOptions {
            delete_missing: true,
        };
        diff::print_plan(&plan(&original, file, options))?;
        session.print_warnings();
        message::line("dry run: nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    // The sheet and the slips go in place first, as with `reset`.
    let mut outputs = Outputs::new();
    rendered.stage(&mut outputs)?;
    outputs.result(args.output.as_deref(), write::to_bytes(file))?;
    outputs.commit()?;

    for line in &session.done {
        message::line(line);
    }
    session.print_warnings();
    sheets.notes("the generated passwords", false);
    report::note_errors(&name, &validate(file));
    Ok(ExitCode::SUCCESS)
}

/// The edits, split at each `;` and each read by clap as an [`EditLine`].
fn parse_edits(words: &[String]) -> Result<Vec<Edit>, Failure> {
    let parts: Vec<&[String]> = words.split(|w| w == SEPARATOR).collect();
    let total = parts.len();
    let mut edits = Vec::with_capacity(total);
    for (i, part) in parts.into_iter().enumerate() {
        let n = i + 1;
        if part.is_empty() {
            return Err(Failure::Message(format!(
                "edit {n} of {total} is empty: edits are separated by one `;` each"
            )));
        }
        match EditLine::try_parse_from(part) {
            Ok(line) => edits.push(line.edit),
            Err(e) if e.use_stderr() => {
                let text = e.render().to_string();
                let text = text.strip_prefix("error: ").unwrap_or(&text).trim_end();
                let mut message = format!("edit {n} of {total}: {text}");
                if let Some(option) = part.iter().find(|w| is_edit_option(w)) {
                    message.push_str(&format!(
                        "\n\nnote: {} is an option of `edit`: put it before the first edit",
                        quoted(option)
                    ));
                }
                return Err(Failure::Message(message));
            }
            Err(help) => return Err(Failure::Clap(help)),
        }
    }
    Ok(edits)
}

fn is_edit_option(word: &str) -> bool {
    let option = word.split_once('=').map_or(word, |(o, _)| o);
    EDIT_OPTIONS.contains(&option)
}

/// Where an edit's new password comes from, if it sets one.
fn password(edit: &Edit) -> Option<&NewPassword> {
    match edit {
        Edit::AddUser(a) => Some(&a.password),
        Edit::SetUser(a) => Some(&a.password),
        _ => None,
    }
}

/// The verb of an edit, for messages.
fn verb(edit: &Edit) -> &'static str {
    match edit {
        Edit::AddUser(_) => "add-user",
        Edit::SetUser(_) => "set-user",
        Edit::RemoveUser { .. } => "remove-user",
        Edit::AddGroup { .. } => "add-group",
        Edit::RenameGroup { .. } => "rename-group",
        Edit::RemoveGroup { .. } => "remove-group",
        Edit::DeclareGroups => "declare-groups",
        Edit::JoinGroup { .. } => "join-group",
        Edit::LeaveGroup { .. } => "leave-group",
    }
}

/// The file being edited and what the edits have done so far.
struct Session<'a> {
    file: UsersFile,
    /// How FILE is named in messages.
    name: &'a str,
    policy: PasswordPolicy,
    /// The generated passwords, for the sheet.
    credentials: Vec<Credential>,
    /// One line for each change made.
    done: Vec<String>,
    /// The edit being made, for warnings: `edit 2 of 3 (set-user)`.
    current: String,
    /// Warnings about the edits made (a weak password).
    warnings: Vec<String>,
}

/// Makes every edit in order; the first that cannot be made stops the run.
fn make_all(session: &mut Session<'_>, edits: &[Edit]) -> Result<(), Failure> {
    let total = edits.len();
    let mut errors = error_count(&session.file);
    for (i, edit) in edits.iter().enumerate() {
        let refuse = |why: String| {
            Failure::Message(format!(
                "edit {} of {total} ({}): {why}\nnote: no edit was made and nothing was written",
                i + 1,
                verb(edit)
            ))
        };
        session.current = format!("edit {} of {total} ({})", i + 1, verb(edit));
        match make(session, edit) {
            Ok(()) => {}
            Err(Failure::Message(why)) => return Err(refuse(why)),
            Err(other) => return Err(other),
        }
        let findings = validate(&session.file);
        let now = findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .count();
        if now > errors {
            let first = findings
                .iter()
                .find(|f| f.severity() == Severity::Error)
                .map_or_else(String::new, |f| format!(": {}: {}", f.path, f.problem));
            return Err(refuse(format!(
                "it would leave an error in the file{first}"
            )));
        }
        errors = now;
    }
    Ok(())
}

fn error_count(file: &UsersFile) -> usize {
    validate(file)
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count()
}

/// Makes one edit. A refusal is a [`Failure::Message`] saying why.
fn make(s: &mut Session<'_>, edit: &Edit) -> Result<(), Failure> {
    match edit {
        Edit::AddUser(args) => add_user(s, args),
        Edit::SetUser(args) => set_user(s, args),
        Edit::RemoveUser { names } => {
            let names = s.users(names)?;
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            s.apply(|f| edit::remove_users(f, &names))
        }
        Edit::AddGroup { names } => {
            for name in names {
                check_new_name("group", name)?;
                if let Some(known) = find_group(&s.file, name) {
                    let declared = s.file.groups.contains(&known);
                    if declared || known != *name {
                        return Err(refusal(format!(
                            "{} already has the group {}",
                            s.name,
                            quoted(&known)
                        )));
                    }
                }
                s.apply(|f| edit::add_group(f, name))?;
            }
            Ok(())
        }
        Edit::RenameGroup { from, to } => {
            let from = s.group(from)?;
            check_new_name("group", to)?;
            if let Some(known) = find_group(&s.file, to) {
                if known.to_lowercase() != from.to_lowercase() {
                    return Err(refusal(format!(
                        "{} already has the group {}",
                        s.name,
                        quoted(&known)
                    )));
                }
            }
            s.apply(|f| edit::rename_group(f, &from, to))
        }
        Edit::RemoveGroup { names } => {
            for name in names {
                let group = s.group(name)?;
                s.apply(|f| edit::remove_group(f, &group))?;
            }
            Ok(())
        }
        Edit::DeclareGroups => {
            let change = edit::add_missing_groups(&mut s.file);
            s.record(Ok(change))
        }
        Edit::JoinGroup { group, users } => {
            let group = s.group_or_new(group)?;
            let users = s.users(users)?;
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            s.apply(|f| edit::join_group(f, &users, &group))
        }
        Edit::LeaveGroup { group, users } => {
            let group = s.group(group)?;
            let users = s.users(users)?;
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            s.apply(|f| edit::leave_group(f, &users, &group))
        }
    }
}

fn add_user(s: &mut Session<'_>, args: &AddUserArgs) -> Result<(), Failure> {
    check_new_name("user", &args.name)?;
    if let Some(i) = find_user(&s.file, &args.name) {
        return Err(refusal(format!(
            "{} already has a user named {}",
            s.name,
            quoted(&s.file.users[i].user_name)
        )));
    }
    let mut user = User::new(args.name.clone());
    if let Some(display_name) = &args.display_name {
        user.set_display_name(Some(display_name_checked(display_name)?));
    }
    if let Some(email) = &args.email {
        user.set_email_address(Some(email_checked(email)?));
    }
    let groups = s.groups(&args.groups)?;
    user.set_groups(groups);
    s.apply(|f| edit::add_user(f, user))?;
    s.new_password(&args.name, &args.password)
}

fn set_user(s: &mut Session<'_>, args: &SetUserArgs) -> Result<(), Failure> {
    let mut name = s.user(&args.name)?;
    if let Some(new) = &args.rename {
        check_new_name("user", new)?;
        s.apply(|f| edit::rename_user(f, &name, new))?;
        name.clone_from(new);
    }
    if let Some(display_name) = &args.display_name {
        let display_name = display_name_checked(display_name)?;
        s.apply(|f| edit::set_display_name(f, &name, Some(&display_name)))?;
    } else if args.no_display_name {
        s.apply(|f| edit::set_display_name(f, &name, None))?;
    }
    if let Some(email) = &args.email {
        let email = email_checked(email)?;
        s.apply(|f| edit::set_email(f, &name, Some(&email)))?;
    } else if args.no_email {
        s.apply(|f| edit::set_email(f, &name, None))?;
    }
    if !args.groups.is_empty() || args.no_groups {
        let groups = s.groups(&args.groups)?;
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        s.apply(|f| edit::set_groups(f, &name, &groups))?;
    }
    if args.no_password {
        s.apply(|f| edit::clear_password(f, &name))?;
    }
    s.new_password(&name, &args.password)
}

impl Session<'_> {
    /// Prints the warnings on standard error.
    fn print_warnings(&self) {
        for warning in &self.warnings {
            message::line(format!("warning: {warning}"));
        }
    }

    /// Makes an edit of the core on the file and notes what it did.
    fn apply(
        &mut self,
        edit: impl FnOnce(&mut UsersFile) -> Result<Change, EditError>,
    ) -> Result<(), Failure> {
        let change = edit(&mut self.file);
        self.record(change)
    }

    /// Notes what an edit of the core did, or turns its refusal into ours.
    fn record(&mut self, change: Result<Change, EditError>) -> Result<(), Failure> {
        match change {
            Ok(change) => {
                self.done.push(change.to_string());
                Ok(())
            }
            Err(e) => Err(refusal(self.why(&e))),
        }
    }

    /// An edit's refusal in our words, names quoted.
    fn why(&self, error: &EditError) -> String {
        let name = self.name;
        match error {
            EditError::UnknownUser(user) => format!("{name} has no user named {}", quoted(user)),
            EditError::UserExists(user) => {
                format!("{name} already has a user named {}", quoted(user))
            }
            EditError::UnknownGroup(group) => {
                format!("{name} has no group named {}", quoted(group))
            }
            EditError::GroupExists(group) => {
                format!("{name} already has the group {}", quoted(group))
            }
            EditError::EmptyName => "a name cannot be empty".to_owned(),
            EditError::Password(e) => format!("cannot set the password: {e}"),
        }
    }

    /// The exact name of the user `name` names.
    fn user(&self, name: &str) -> Result<String, Failure> {
        find_user(&self.file, name)
            .map(|i| self.file.users[i].user_name.clone())
            .ok_or_else(|| refusal(format!("{} has no user named {}", self.name, quoted(name))))
    }

    /// The exact names of the users `names` name, each once; refused
    /// whole, listing every unknown name, if one is unknown.
    fn users(&self, names: &[String]) -> Result<Vec<String>, Failure> {
        let index = UserNames::new(&self.file);
        let unknown: Vec<String> = names
            .iter()
            .filter(|n| index.find(n).is_none())
            .map(|n| quoted(n).to_string())
            .collect();
        if !unknown.is_empty() {
            return Err(refusal(format!(
                "{} has no user named {}",
                self.name,
                unknown.join(", ")
            )));
        }
        let mut seen = HashSet::new();
        Ok(names
            .iter()
            .filter_map(|n| index.find(n))
            .filter(|&i| seen.insert(i))
            .map(|i| self.file.users[i].user_name.clone())
            .collect())
    }

    /// The group `name` as the file spells it; refused if unknown.
    fn group(&self, name: &str) -> Result<String, Failure> {
        find_group(&self.file, name)
            .ok_or_else(|| refusal(format!("{} has no group named {}", self.name, quoted(name))))
    }

    /// The group `name` as the file spells it, or a new group `name`.
    fn group_or_new(&self, name: &str) -> Result<String, Failure> {
        match find_group(&self.file, name) {
            Some(known) => Ok(known),
            None => {
                check_new_name("group", name)?;
                Ok(name.to_owned())
            }
        }
    }

    /// Groups for a user, as the file spells them, each once; those the
    /// file does not declare are declared.
    fn groups(&mut self, names: &[String]) -> Result<Vec<String>, Failure> {
        let mut out: Vec<String> = Vec::with_capacity(names.len());
        for name in names {
            let group = self.group_or_new(name)?;
            if !out.contains(&group) {
                out.push(group);
            }
        }
        let declared: HashSet<&str> = self.file.groups.iter().map(String::as_str).collect();
        let new: Vec<String> = out
            .iter()
            .filter(|g| !declared.contains(g.as_str()))
            .cloned()
            .collect();
        for group in new {
            self.apply(|f| edit::add_group(f, &group))?;
        }
        Ok(out)
    }

    /// Sets the password of the user named exactly `name` from standard
    /// input or a new generated one, as `password` says.
    fn new_password(&mut self, name: &str, password: &NewPassword) -> Result<(), Failure> {
        if password.password_stdin {
            let plaintext = read_password(name)?;
            // ProGet takes any password, so a weak one is set all the same.
            let weakness = self
                .file
                .user(name)
                .and_then(|user| assess(&plaintext, &Owner::from(user)));
            if let Some(weakness) = weakness {
                self.warnings.push(format!(
                    "{}: the password read from standard input is weak: {weakness}",
                    self.current
                ));
            }
            self.apply(|f| edit::set_password(f, name, &plaintext, PasswordStorage::Hashed))
        } else if password.generate {
            let plaintext = Zeroizing::new(
                generate::generate(&self.policy)
                    .map_err(|e| refusal(format!("cannot make a password: {e}")))?,
            );
            edit::set_password(&mut self.file, name, &plaintext, PasswordStorage::Hashed)
                .map_err(|e| refusal(self.why(&e)))?;
            let user = self
                .file
                .user(name)
                .cloned()
                .unwrap_or_else(|| User::new(name));
            self.credentials.push(Credential {
                user_name: user.user_name.clone(),
                display_name: user.display_name.clone(),
                email: user.email_address.clone(),
                password: plaintext.to_string(),
            });
            self.done
                .push(format!("generated a new password for {}", user.user_name));
            Ok(())
        } else {
            Ok(())
        }
    }
}

fn refusal(why: String) -> Failure {
    Failure::Message(why)
}

/// Refuses a new user or group name that is blank or holds a control
/// character (which no one could type at ProGet's sign-in).
fn check_new_name(kind: &str, name: &str) -> Result<(), Failure> {
    if name.trim().is_empty() {
        return Err(refusal(format!("a {kind} name cannot be empty")));
    }
    if name.chars().any(is_unsafe) {
        return Err(refusal(format!(
            "the {kind} name {} holds a control character",
            quoted(name)
        )));
    }
    Ok(())
}

fn display_name_checked(text: &str) -> Result<String, Failure> {
    if text.trim().is_empty() {
        return Err(refusal(
            "a display name cannot be empty (use --no-display-name to remove it)".to_owned(),
        ));
    }
    Ok(text.to_owned())
}

fn email_checked(text: &str) -> Result<String, Failure> {
    let email = text.trim();
    if !is_plausible_email(email) {
        return Err(refusal(format!(
            "{} does not look like an email address",
            quoted(text)
        )));
    }
    Ok(email.to_owned())
}
