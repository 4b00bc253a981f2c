// Sample files for the end-to-end tests, in e2e/fixtures/.
//
//   await page.setInputFiles('input[type=file]', fixtures.example);
//   const json = readFixtureJson('plaintext');

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the sample files. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Paths to the sample files, by short name.
 * - `example`: ProGet's own example export (two users, hashed passwords; Admin's password is "Admin").
 * - `plaintext`: three users, two with plaintext `password` fields
 *   (jDoe: "MySecurePassword!", mRoe: "pässwörd 🔑 密码") and a third group "Testers".
 * - `broken`: not JSON: a comma is missing after `"userName": "jDoe"` (line 13), so the
 *   parser stops at line 14, column 7, where `"displayName"` begins.
 */
export const fixtures = Object.freeze({
  example: join(FIXTURES_DIR, 'example-export.json'),
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
