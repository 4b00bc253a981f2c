// Sample files for the end-to-end tests, in e2e/fixtures/ (and the example export, in the core).
//
//   await page.setInputFiles('input[type=file]', fixtures.example);
//   const json = readFixtureJson('plaintext');

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the sample files. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * ProGet's own example export: the one copy the page (its Example button), the core's and the
 * command line's tests and these tests share (`proget_users_core::sample::EXAMPLE_EXPORT`).
 */
export const EXAMPLE_EXPORT = fileURLToPath(
  new URL('../../crates/core/src/example-export.json', import.meta.url),
);

/**
 * Paths to the sample files, by short name.
 * - `example`: ProGet's own example export (two users, hashed passwords; Admin's password is "Admin"),
 *   `crates/core/src/example-export.json`.
 * - `plaintext`: three users, two with plaintext `password` fields
 *   (jDoe: "MySecurePassword!", mRoe: "pässwörd 🔑 密码") and a third group "Testers".
 * - `broken`: not JSON: a comma is missing after `"userName": "jDoe"` (line 13), so the
 *   parser stops at line 14, column 7, where `"displayName"` begins.
 */
export const fixtures = Object.freeze({
  example: EXAMPLE_EXPORT,
  plaintext: join(FIXTURES_DIR, 'plaintext-passwords.json'),
  broken: join(FIXTURES_DIR, 'broken.json'),
});

/** The plaintext passwords in the `plaintext` fixture, by user name (and Admin's from `example`). */
export const knownPasswords = Object.freeze({
  Admin: 'Admin',
  jDoe: 'MySecurePassword!',
  mRoe: 'pässwörd 🔑 密码',
});

/** The path of a fixture by short name (see `fixtures`) or by file name in e2e/fixtures/. */
export function fixturePath(name) {
  return fixtures[name] ?? join(FIXTURES_DIR, name);
}

/** A fixture's text, as UTF-8. */
export function readFixture(name) {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A fixture parsed as JSON (throws on `broken`, naturally). */
export function readFixtureJson(name) {
  return JSON.parse(readFixture(name));
}

/**
 * `text` (a users file, such as `proget_users_core::sample::directory`'s) with `count` users, spread
 * evenly through it, given the plaintext password `Bench password K!` in place of their hash, laid
 * out with two spaces: the file the benchmarks hash in the page.
 */
export function withPlaintextPasswords(text, count) {
  const json = JSON.parse(text);
  const step = Math.floor(json.users.length / count);
  for (let k = 0; k < count; k++) {
    const user = json.users[k * step];
    delete user.passwordBytes;
    delete user.saltBytes;
    user.password = `Bench password ${k}!`;
  }
  return JSON.stringify(json, null, 2);
}
