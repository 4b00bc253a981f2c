// A page object for the editor's power tools (undo and redo, CSV in and
// out, generated passwords, password checks, compare and merge), on top of
// EditorPage. Locators go by role and accessible name.
//
//   const app = new PowerPage(editor.session);
//   await app.openFile(fixtures.example);
//   await app.undo();

import { EditorPage, exactly } from './editor-page.mjs';

export class PowerPage extends EditorPage {
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
}

export { exactly };
