// A page object for the browser editor: what a user does, as methods, so the
// tests read like the steps they check: opening, the users table, groups,
// passwords, saving, and the tools over the tabs (undo and redo, CSV in and
// out, generated passwords, password checks, compare and merge). Locators go by role and accessible
// name wherever the page offers them (they double as a check that the
// controls are labelled).
//
//   const app = new EditorPage(editor.session);
//   await app.openFile(fixtures.example);
//   await app.addUser({ name: 'bob', email: 'bob@example.com' });
//   const saved = await app.download();
//
// `eachScreen(walk, check)` walks through every screen and dialog (in the
// four walks of `screenWalks`), for the checks that must hold on each:
// accessibility and the narrow layouts.

import assert from 'node:assert/strict';
import { fixtures, fixturePath, readFixture } from '../support/fixtures.mjs';

/** Escapes `text` for a RegExp matching it exactly. */
export function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

export class EditorPage {
  /** @param {import('../support/browser.mjs').Session} session */
  constructor(session) {
    this.session = session;
    this.page = session.page;
  }

  // Where things are.

  button(name) {
    return this.page.getByRole('button', { name: typeof name === 'string' ? exactly(name) : name });
  }

  /** The open modal dialog (there is at most one). */
  get dialog() {
    return this.page.locator('dialog[open]');
  }

  get statusInfo() {
    return this.page.locator('.status-info');
  }

  get statusError() {
    return this.page.locator('.status-error');
  }

  /** The row of the user named exactly `name`. */
  row(name) {
    return this.page.locator('tr.user').filter({
      has: this.page.locator('td.name', { hasText: exactly(name) }),
    });
  }

  // Reading the page.

  /** The user names in the table, top to bottom. */
  async userNames() {
    return (await this.page.locator('tr.user td.name').allTextContents()).map((t) => t.trim());
  }

  /** The password state the table shows for a user: "hashed", "plaintext" or "none". */
  async passwordState(name) {
    return (await this.row(name).locator('td.password .badge').textContent()).trim();
  }

  /** The text of the status line (info or error). */
  async status() {
    return `${await this.statusInfo.textContent()}${await this.statusError.textContent()}`.trim();
  }

  async waitForStatus(pattern) {
    await this.page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.querySelector('.status-line')?.textContent ?? ''),
      [pattern.source, pattern.flags],
    );
  }

  // Opening.

  /** Goes to the open screen (from the editor, through "Open…"). */
  async showOpenScreen() {
    if (await this.page.locator('.open-panel').isVisible()) return;
    await this.button('Open…').click();
    await this.page.locator('.open-panel').waitFor();
  }

  /** Opens a file through "Choose a file…" and the browser's file chooser. */
  async openFile(path) {
    await this.showOpenScreen();
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.button('Choose a file…').click(),
    ]);
    await chooser.setFiles(path);
    await this.page.locator('.workspace, .raw-view').first().waitFor();
  }

  /** Opens pasted JSON text. */
  async paste(text) {
    await this.showOpenScreen();
    await this.page.getByLabel('Pasted text').fill(text);
    await this.button('Open pasted text').click();
    await this.page.locator('.workspace, .raw-view').first().waitFor();
  }

  async loadExample() {
    await this.button('Example').click();
    await this.page.locator('.workspace').waitFor();
  }

  async tab(name) {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    // A tab other than Users shows once its code is fetched (a chunk of its own).
    await this.page.locator('#tab-panel > *').first().waitFor();
  }

  // Users.

  /** Adds a user through the form; `groups` are ticked by name. */
  async addUser({ name, displayName, email, groups = [], password }) {
    await this.tab('Users');
    await this.button('Add user…').click();
    const form = this.dialog;
    await form.getByLabel('User name').fill(name);
    if (displayName !== undefined) await form.getByLabel('Display name').fill(displayName);
    if (email !== undefined) await form.getByLabel('Email').fill(email);
    for (const group of groups) await form.getByRole('checkbox', { name: exactly(group) }).check();
    if (password !== undefined) await form.getByLabel('Password (optional)').fill(password);
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.waitFor({ state: 'detached' });
  }

  async select(...names) {
    for (const name of names) {
      await this.page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
    }
  }

  /** Removes the selected users, confirming; returns the confirmation's title. */
  async removeSelected() {
    await this.button(/^Remove \d+ users?…$/).click();
    const title = (await this.dialog.locator('.modal-title').textContent()).trim();
    await this.dialog.getByRole('button', { name: /^Remove \d+ users?$/ }).click();
    await this.dialog.waitFor({ state: 'detached' });
    return title;
  }

  /** Edits a user's display name in place (Enter commits). */
  async setDisplayName(user, value) {
    const input = this.page.getByLabel(`Display name of ${user}`, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  }

  // Groups.

  async renameGroup(from, to) {
    await this.tab('Groups');
    await this.button(`Rename ${from}`).click();
    const input = this.page.getByLabel(`New name for ${from}`, { exact: true });
    await input.fill(to);
    await input.press('Enter');
    await input.waitFor({ state: 'detached' });
  }

  /** The groups panel's rows: [{ name, members }]. */
  async groups() {
    await this.tab('Groups');
    return this.page.locator('tr.group').evaluateAll((rows) =>
      rows.map((r) => ({
        name: r.querySelector('.group-name').firstChild.textContent.trim(),
        members: Number(r.querySelector('.num').textContent),
      })),
    );
  }

  // Passwords.

  /** Sets a user's password through its dialog (hashed, unless `plaintext`). */
  async setPassword(user, password, { plaintext = false } = {}) {
    await this.tab('Users');
    await this.button(`Set password for ${user}`).click();
    const form = this.dialog;
    await form.getByLabel('New password').fill(password);
    await form.getByLabel('Repeat it').fill(password);
    if (plaintext) await form.getByRole('checkbox', { name: /Keep as plaintext/ }).check();
    await form.getByRole('button', { name: 'Set password' }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Hashes every plaintext password and waits for the run to end; returns the progress values seen. */
  async hashAll() {
    const seen = [];
    await this.button(/^Hash \d+ plaintext passwords?$/).click();
    const progress = this.page.locator('progress');
    // The run starts once the hashing code is fetched (a chunk of its own).
    // (Whichever comes first; the other's wait is let go.)
    const quietly = (wait) => wait.catch(() => {});
    await Promise.race([
      quietly(progress.first().waitFor({ state: 'attached' })),
      quietly(this.waitForStatus(/Hashed \d+ passwords?/)),
    ]);
    while (await progress.count()) {
      const value = await progress.getAttribute('aria-valuenow').catch(() => null);
      if (value !== null) seen.push(Number(value));
      await this.page.waitForTimeout(5);
    }
    await this.waitForStatus(/Hashed \d+ passwords?/);
    return seen;
  }

  // Saving.

  /**
   * Downloads the file (confirming when errors remain, and hiding password
   * bytes on request); returns `{ filename, bytes, text, json() }`.
   */
  async download({ hidePasswordBytes = false } = {}) {
    const hide = this.page.getByRole('checkbox', { name: 'Hide password bytes' });
    await hide.setChecked(hidePasswordBytes);
    const button = this.page.locator('.download-actions .button.primary');
    const label = (await button.textContent()).trim();
    return this.session.download(async () => {
      await button.click();
      if (label !== 'Download') {
        await this.dialog.getByRole('button', { name: 'Download anyway' }).click();
      }
    });
  }

  /** Fails unless the raw view shows `line` and `column` as a problem. */
  async assertRawProblemAt(line, column) {
    await this.page.locator('.raw-view').waitFor();
    const places = await this.page.locator('li.diagnostic .place').allTextContents();
    assert.ok(
      places.some((p) => p.trim() === `Line ${line}, column ${column}`),
      `expected "Line ${line}, column ${column}" among ${JSON.stringify(places)}`,
    );
  }

  // Undo and redo.

  get undoButton() {
    return this.page.getByRole('button', { name: /^Undo/ });
  }

  get redoButton() {
    return this.page.getByRole('button', { name: /^Redo/ });
  }

  /** The accessible name of the undo button ("Undo: renamed …" or "Undo"). */
  async undoName() {
    return (await this.undoButton.getAttribute('aria-label')).trim();
  }

  async redoName() {
    return (await this.redoButton.getAttribute('aria-label')).trim();
  }

  async undo() {
    await this.undoButton.click();
  }

  async redo() {
    await this.redoButton.click();
  }

  /** Presses a key combination with focus on the page, not in a field. */
  async pressOnPage(keys) {
    await this.page.evaluate(() => document.activeElement?.blur?.());
    await this.page.keyboard.press(keys);
  }

  /** The display name in the table's editable cell for `user`. */
  async displayName(user) {
    return this.page.getByLabel(`Display name of ${user}`, { exact: true }).inputValue();
  }

  // CSV.

  /** Opens the CSV import dialog and chooses `path`; returns the dialog. */
  async chooseCsv(path) {
    await this.button('Import CSV…').click();
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.dialog.getByRole('button', { name: 'Choose a CSV file…' }).click(),
    ]);
    await chooser.setFiles(path);
    await this.dialog.locator('.csv-preview').waitFor();
    return this.dialog;
  }

  /** Opens the CSV import dialog and previews pasted text. */
  async pasteCsv(text) {
    await this.button('Import CSV…').click();
    await this.dialog.getByLabel('Or paste the CSV').fill(text);
    await this.dialog.getByRole('button', { name: 'Preview pasted CSV' }).click();
    await this.dialog.locator('.csv-preview').waitFor();
    return this.dialog;
  }

  /** The preview's counts, by card label. */
  async previewCounts() {
    return this.dialog.locator('.count-card').evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((c) => [c.querySelector('dt').textContent.trim(), Number(c.querySelector('dd').textContent)]),
      ),
    );
  }

  /** The bad rows the preview lists, as "Line N: problem". */
  async badRows() {
    return this.dialog
      .locator('.bad-row')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim()).join(': ')));
  }

  /** Applies the previewed import and waits for its status. */
  async applyImport() {
    await this.dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await this.dialog.waitFor({ state: 'detached' });
    await this.waitForStatus(/^Imported CSV/);
  }

  async exportCsv() {
    return this.session.download(() => this.button('Export CSV').click());
  }

  // Generated passwords.

  /**
   * Generates passwords for the selected users with `options`
   * ({ length, symbols, … } as the dialog's fields), then downloads the
   * credentials sheet; returns it and closes the dialog.
   */
  async generatePasswords({ length, lowercase, uppercase, digits, symbols } = {}) {
    await this.button(/^Generate passwords \(\d+\)…$/).click();
    const dialog = this.dialog;
    if (length !== undefined) await dialog.getByLabel('Length').fill(String(length));
    const boxes = { 'Lower case': lowercase, 'Upper case': uppercase, Digits: digits, Symbols: symbols };
    for (const [name, on] of Object.entries(boxes)) {
      if (on !== undefined) await dialog.getByRole('checkbox', { name: new RegExp(`^${name}`) }).setChecked(on);
    }
    await dialog.getByRole('button', { name: /^Generate \d+ passwords?$/ }).click();
    await dialog.getByRole('button', { name: 'Download credentials sheet' }).waitFor();
    const reminder = (await dialog.locator('.safety-note').textContent()).trim();
    const sheet = await this.session.download(() =>
      dialog.getByRole('button', { name: 'Download credentials sheet' }).click(),
    );
    const after = (await dialog.locator('.safety-note').textContent()).trim();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    return { sheet, reminder, after };
  }

  // Verify.

  /** Checks `password` for `user`; returns the outcome's text. */
  async verify(user, password) {
    if (!(await this.dialog.count())) await this.button('Verify a password…').click();
    const dialog = this.dialog;
    await dialog.getByLabel('User').selectOption(user);
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Check' }).click();
    const outcome = dialog.locator('.outcome');
    await outcome.waitFor();
    return (await outcome.textContent()).trim();
  }

  // Compare and merge.

  /** Opens the Compare tab and chooses the other file. */
  async compareWith(path) {
    await this.tab('Compare');
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.button('Choose a file to compare…').click(),
    ]);
    await chooser.setFiles(path);
    await this.page.locator('.compare-head').waitFor();
  }

  /** The comparison's counts, by card label. */
  async compareCounts() {
    return this.page.locator('.compare .count-card').evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((c) => [c.querySelector('dt').textContent.trim(), Number(c.querySelector('dd').textContent)]),
      ),
    );
  }

  /** The names listed as only in the other file. */
  async onlyTheirs() {
    return (await this.page.locator('tr.only-theirs td.name').allTextContents()).map((t) => t.trim());
  }

  async takeUser(name) {
    await this.button(`Take user ${name}`).click();
  }

  async takeGroup(name) {
    await this.button(`Take group ${name}`).click();
  }

  async takeAllMissing() {
    await this.button(/^Take all missing/).click();
  }

  /** The conflict card of a user. */
  conflict(name) {
    return this.page.getByRole('group', { name: exactly(name) });
  }

  /** Chooses the other file's value of `field` ("email", "display name", …) for `user`. */
  async chooseTheirs(user, field) {
    await this.page.getByRole('radio', { name: `Use the other file's ${field} for ${user}`, exact: true }).check();
  }

  async applyChoices(user) {
    await this.button(`Apply the choices for ${user}`).click();
  }

  // Every screen, for the checks that hold on each.

  /** Closes the open dialog with Escape, as a keyboard user would. */
  async closeDialog() {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }

  /**
   * Walks through the screens of one of `screenWalks` from a fresh page, each reached as a user
   * reaches it, and awaits `check(where)` on each, `where` naming the screen.
   */
  async eachScreen(walk, check) {
    const walks = {
      start: () => this.#startScreens(check),
      tabs: () => this.#tabScreens(check),
      problems: () => this.#problemScreens(check),
      dialogs: () => this.#dialogScreens(check),
    };
    assert.ok(walk in walks, `no walk ${walk}`);
    await walks[walk]();
  }

  async #startScreens(check) {
    await check('the start page');
    await this.paste(readFixture('broken'));
    await this.page.locator('.raw-view').waitFor();
    await check('the raw view');
  }

  async #tabScreens(check) {
    await this.openFile(fixtures.example);
    await check('the users tab');
    // A selected row, a focused name cell and a selection bar.
    await this.select('jDoe');
    await this.page.locator('tr.user td.name').first().focus();
    await check('the users tab with a selected user');
    for (const tab of ['Groups', 'Changes', 'Compare']) {
      await this.tab(tab);
      await check(`the ${tab} tab`);
    }
    await this.compareWith(fixturePath('other-instance.json'));
    await check('the Compare tab with another file');
    await this.tab('Groups');
    await this.button('Rename Developers').click();
    await check('the Groups tab renaming a group');
  }

  async #problemScreens(check) {
    await this.openFile(fixtures.plaintext);
    await this.page.locator('.problem').first().waitFor();
    await check('a file with plaintext passwords');
    await this.paste(JSON.stringify({ users: [{ userName: 'a', emailAddress: 'not an email' }, { userName: 'a' }], groups: ['g'] }));
    await check('a file with errors');
  }

  async #dialogScreens(check) {
    await this.openFile(fixtures.example);

    await this.button('Add user…').click();
    await this.dialog.waitFor();
    await check('the add-user dialog');
    await this.dialog.getByRole('button', { name: 'Add user' }).click();
    await check('the add-user dialog with an error');
    await this.closeDialog();

    await this.button('Set password for jDoe').click();
    await this.dialog.waitFor();
    await check('the password dialog');
    await this.closeDialog();

    await this.chooseCsv(fixturePath('users-import.csv'));
    await check('the CSV import dialog with a preview');
    await this.closeDialog();

    await this.button('Verify a password…').click();
    await this.dialog.waitFor();
    await check('the verify dialog');
    await this.dialog.getByLabel('Password').fill('Admin');
    await this.dialog.getByRole('button', { name: 'Check' }).click();
    await this.dialog.locator('.outcome').waitFor();
    await check('the verify dialog with an outcome');
    await this.closeDialog();

    await this.select('jDoe');
    await this.button(/^Generate passwords \(1\)…$/).click();
    await this.dialog.waitFor();
    await check('the generate-passwords dialog');
    await this.dialog.getByRole('button', { name: /^Generate 1 password$/ }).click();
    await this.dialog.getByRole('button', { name: 'Download credentials sheet' }).waitFor();
    await check('the generated passwords');
    await this.session.download(() => this.dialog.getByRole('button', { name: 'Download credentials sheet' }).click());
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await this.dialog.waitFor({ state: 'detached' });

    await this.button(/^Remove 1 user…$/).click();
    await this.dialog.waitFor();
    await check('a confirmation');
    await this.closeDialog();
  }
}

/** The walks of `EditorPage.eachScreen`, each a test of its own: its name, and what it walks through. */
export const screenWalks = Object.freeze({
  start: 'the start page and the raw view of a file that did not parse',
  tabs: 'each tab with a file open, and a comparison',
  problems: 'plaintext passwords: the hashing banner and the problems list',
  dialogs: 'every dialog',
});
