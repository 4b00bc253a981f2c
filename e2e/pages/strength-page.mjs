// A page object for the editor's weak-password warnings and credential
// slips: the warnings in the problems list, the password dialog's live
// verdict, the CSV preview's weak rows, and the generate dialog's slips.
// It extends the editor's page object, so a test has both.
//
//   const app = new StrengthPage(editor.session);
//   await app.paste(json);
//   assert.deepEqual(await app.weakWarnings(), ['$.users[0].password: weak password: …']);

import { EditorPage } from './editor-page.mjs';

/** How long the strength worker may take to start (2.7 MB of wasm, cold). */
export const SCORING_TIMEOUT_MS = 60_000;

export class StrengthPage extends EditorPage {
  /** The problems list's weak-password warnings, as "PLACE: MESSAGE", once scoring is done. */
  async weakWarnings({ expect } = {}) {
    const list = this.page.locator('.problems');
    if (expect !== undefined) {
      await this.page.waitForFunction(
        (n) => document.querySelectorAll('.problems .problem-text').length >= 0 &&
          [...document.querySelectorAll('.problems .problem-text')].filter((t) => t.textContent.startsWith('weak password:')).length === n &&
          !/Checking the strength/.test(document.querySelector('.strength-note')?.textContent ?? ''),
        expect,
        { timeout: SCORING_TIMEOUT_MS },
      );
    }
    return list.locator('.problem').evaluateAll((lines) =>
      lines
        .map((l) => [l.querySelector('.problem-place')?.textContent, l.querySelector('.problem-text')?.textContent])
        .filter(([, text]) => text?.startsWith('weak password:'))
        .map(([place, text]) => `${place}: ${text}`),
    );
  }

  /** The problems panel's quiet note (scoring progress, or that warnings are off). */
  async strengthNote() {
    return (await this.page.locator('.strength-note').textContent()).trim();
  }

  /** Opens the password dialog of `user` and types `password` in its first field; returns the dialog. */
  async typeNewPassword(user, password) {
    await this.tab('Users');
    await this.button(`Set password for ${user}`).click();
    const field = this.dialog.getByLabel('New password');
    await field.fill('');
    await field.pressSequentially(password);
    return this.dialog;
  }

  /**
   * Waits for the password dialog's verdict to match `pattern` (each key
   * typed is scored, and the verdict follows the last), then returns it.
   */
  async strengthVerdict(pattern = /./) {
    await this.page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.querySelector('dialog[open] .strength')?.textContent?.trim() ?? ''),
      [pattern.source, pattern.flags],
      { timeout: SCORING_TIMEOUT_MS },
    );
    return (await this.dialog.locator('.strength').textContent()).trim();
  }

  /** The CSV preview's weak rows as "Line N: weak password: …", once `n` are listed. */
  async weakRows(n) {
    const rows = this.dialog.locator('.weak-row');
    if (n > 0) await rows.nth(n - 1).waitFor({ timeout: SCORING_TIMEOUT_MS });
    return rows.evaluateAll((items) => items.map((r) => [...r.children].map((c) => c.textContent.trim()).join(': ')));
  }

  /**
   * Generates passwords for the selected users, then downloads the slips
   * with `server` and `layout` ("One slip per page" or "Several slips per
   * sheet, to cut apart") and the credentials sheet; closes the dialog.
   * Returns { slips, sheet, note } (note: the safety note before downloading).
   */
  async generateWithSlips({ server, layout = 'One slip per page' } = {}) {
    await this.button(/^Generate passwords \(\d+\)…$/).click();
    const dialog = this.dialog;
    await dialog.getByRole('button', { name: /^Generate \d+ passwords?$/ }).click();
    await dialog.getByRole('button', { name: 'Download slips' }).waitFor();
    const note = (await dialog.locator('.safety-note').textContent()).trim();
    if (server !== undefined) await dialog.getByLabel(/^Server address/).fill(server);
    await dialog.getByRole('radio', { name: layout }).check();
    const slips = await this.session.download(() => dialog.getByRole('button', { name: 'Download slips' }).click());
    const sheet = await this.session.download(() =>
      dialog.getByRole('button', { name: 'Download credentials sheet' }).click(),
    );
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    return { slips, sheet, note };
  }
}
