// The editor's hashing Web Workers as built into dist/: they are not part of
// the first load; hashing a file's plaintext passwords runs in them (the
// worker script is requested, no worker fails, none falls back to the page)
// and every downloaded hash is ProGet's, checked with Node's own PBKDF2;
// Cancel stops the run and terminates the workers; and every hash a worker
// makes on its own (four passwords per SIMD instruction, one at a time, or
// WebCrypto in the worker) is ProGet's.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { hashPassword, passwordMatches } from '../support/pbkdf2.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();

const scratch = mkdtempSync(join(tmpdir(), 'hash-worker-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Opens a file of `count` users with plaintext passwords through "Choose a file…". */
async function openPlaintextFile(app, count) {
  const path = join(scratch, `plaintext-${count}.json`);
  writeFileSync(path, plaintextFile(count));
  await app.openFile(path);
}

/** A file of `count` users, each with a plaintext password (see `plaintextOf`). */
function plaintextFile(count) {
  const users = [];
  for (let i = 0; i < count; i++) {
    users.push({ userName: `user${String(i).padStart(5, '0')}`, displayName: `User ${i}`, groups: [], password: plaintextOf(i) });
  }
  return JSON.stringify({ users, groups: [] }, null, 2);
}

/** User i's plaintext: lengths from 1 to over two SHA-1 blocks, some Unicode. */
function plaintextOf(i) {
  const tail = i % 7 === 0 ? ' ünïcødé 🔑' : i % 11 === 0 ? 'x'.repeat(130) : '';
  return `pw${i}${tail}`;
}

/** The hashing worker's requests made by the page (not the service worker's caching of it). */
function workerRequests(session) {
  return session.requests
    .filter((r) => !r.fromServiceWorker && /worker_loader\.js$|worker(_bg)?\.(js|wasm)$/.test(new URL(r.url).pathname))
    .map((r) => new URL(r.url).pathname);
}

/** Records the page's console warnings (the pool warns when a worker fails and it falls back). */
function warnings(page) {
  const seen = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') seen.push(m.text());
  });
  return seen;
}

it('hashes a file\'s plaintext passwords in the workers, each as ProGet does', async () => {
  const { session, page } = editor;
  const app = new EditorPage(session);
  const warned = warnings(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  const count = 240;
  await openPlaintextFile(app, count);
  assert.deepEqual(workerRequests(session), [], 'opening a file fetched the hashing worker');

  const seen = await app.hashAll();
  assert.match(await app.status(), new RegExp(`Hashed ${count} passwords`));
  assert.ok(seen.some((v) => v > 0 && v < count), `no progress between start and end: ${seen}`);
  assert.ok(workerRequests(session).some((p) => p.endsWith('/worker_loader.js')), 'the worker script was not requested');
  // The strength worker may start as well (it scores the file's plaintexts).
  const hashing = workers.filter((url) => url.endsWith('/worker_loader.js'));
  assert.ok(hashing.length >= 1, 'no hashing Web Worker started');
  const others = workers.filter((url) => !url.endsWith('/worker_loader.js') && !url.endsWith('/strength-worker_loader.js'));
  assert.deepEqual(others, [], 'unexpected workers');
  assert.deepEqual(warned.filter((w) => /hashing worker|could not send/.test(w)), [], 'a worker failed (the run fell back to the page)');

  const saved = await app.download();
  assert.ok(!saved.text.includes('"password"'), 'a plaintext password is left in the file');
  const { users } = saved.json();
  assert.equal(users.length, count);
  const salts = new Set();
  users.forEach((user, i) => {
    assert.equal(Buffer.from(user.saltBytes, 'base64').length, 10, `${user.userName}'s salt`);
    assert.equal(user.passwordBytes, hashPassword(plaintextOf(i), user.saltBytes), `${user.userName}'s hash`);
    salts.add(user.saltBytes);
  });
  assert.equal(salts.size, count, 'a salt was reused');
});

it('cancels a run at once: the workers are terminated, the hashed part is kept, the rest stays plaintext', async () => {
  const { session, page } = editor;
  const app = new EditorPage(session);
  const count = 3000;
  await openPlaintextFile(app, count);
  const live = new Set();
  page.on('worker', (w) => {
    // Only the hashing workers: the strength worker lives on by design.
    if (!w.url().endsWith('/worker_loader.js')) return;
    live.add(w);
    w.on('close', () => live.delete(w));
  });
  await app.button(`Hash ${count} plaintext passwords`).click();
  const progress = page.locator('progress');
  await page.waitForFunction(() => Number(document.querySelector('progress')?.getAttribute('aria-valuenow') ?? 0) > 0);
  assert.ok(live.size >= 1, 'no worker is hashing');
  await app.button('Cancel').click();
  await progress.waitFor({ state: 'detached' });
  await app.waitForStatus(/cancelled with \d+ passwords? still in plaintext/);
  // Terminated workers close (an ended run that was not cancelled keeps its workers for the next).
  for (let i = 0; i < 100 && live.size > 0; i++) await page.waitForTimeout(20);
  assert.equal(live.size, 0, 'a worker lives on after Cancel');

  const status = await app.status();
  const { users } = (await app.download()).json();
  const hashed = users.filter((u) => u.passwordBytes !== undefined);
  const plaintext = users.filter((u) => u.password !== undefined);
  assert.ok(hashed.length > 0 && plaintext.length > 0, `${hashed.length} hashed, ${plaintext.length} left`);
  assert.equal(hashed.length + plaintext.length, count);
  assert.match(status, new RegExp(`^Hashed ${hashed.length} passwords?; cancelled with ${plaintext.length} passwords? still in plaintext`));
  // Hashes are applied in order: the first ones are hashed, the rest untouched.
  users.forEach((user, i) => {
    if (i < hashed.length) assert.ok(passwordMatches(plaintextOf(i), user), `${user.userName}'s hash`);
    else assert.equal(user.password, plaintextOf(i), `${user.userName}'s plaintext`);
  });
});

/** Passwords of every length class: empty, short, over a 64-byte block, Unicode. */
const PASSWORDS = ['Admin', '', 'correct horse battery staple', 'ünïcødé 🔑 пароль', 'x'.repeat(65), 'k'.repeat(300), 'a', 'tail'];

/** Runs one batch through a fresh worker in the page; returns [{ passwordBytes, saltBytes }]. */
async function hashInWorker(page, passwords, engine) {
  return page.evaluate(
    async ([passwords, engine]) => {
      const worker = new Worker('./worker_loader.js');
      const messages = [];
      const next = () =>
        new Promise((ok, fail) => {
          worker.onmessage = (e) => ok(e.data);
          worker.onerror = (e) => fail(new Error(`worker error: ${e.message}`));
        });
      const ready = await next();
      messages.push(ready.type);
      const encoder = new TextEncoder();
      const parts = passwords.map((p) => encoder.encode(p));
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      const ends = new Uint32Array(parts.length);
      let at = 0;
      parts.forEach((p, i) => { bytes.set(p, at); at += p.length; ends[i] = at; });
      const answer = next();
      worker.postMessage({ type: 'hash', id: 7, engine, bytes, ends }, [bytes.buffer]);
      const reply = await answer;
      worker.terminate();
      if (reply.type !== 'hashed' || reply.id !== 7) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
      const b64 = (a) => btoa(String.fromCharCode(...a));
      const out = [];
      for (let i = 0; i < passwords.length; i++) {
        const record = reply.records.subarray(i * 30, i * 30 + 30);
        out.push({ passwordBytes: b64(record.subarray(0, 20)), saltBytes: b64(record.subarray(20)) });
      }
      return { ready: messages[0], simd: ready.simd, transferred: bytes.byteLength === 0, hashes: out };
    },
    [passwords, engine],
  );
}

it('does not load the worker with the page', async () => {
  const { session } = editor;
  const worker = session.requests.filter((r) => !r.fromServiceWorker && /worker/.test(new URL(r.url).pathname));
  assert.deepEqual(worker.map((r) => r.url), [], 'the first load fetched the hashing worker');
});

for (const engine of ['simd', 'scalar', 'webcrypto']) {
  it(`hashes a batch as ProGet does (${engine})`, async () => {
    const result = await hashInWorker(editor.page, PASSWORDS, engine);
    assert.equal(result.ready, 'ready');
    assert.equal(result.simd, true, 'the worker was built without SIMD');
    assert.ok(result.transferred, 'the plaintext buffer stayed on the page');
    assert.equal(result.hashes.length, PASSWORDS.length);
    const salts = new Set();
    result.hashes.forEach((h, i) => {
      assert.equal(Buffer.from(h.saltBytes, 'base64').length, 10);
      assert.equal(h.passwordBytes, hashPassword(PASSWORDS[i], h.saltBytes), `password ${i}`);
      salts.add(h.saltBytes);
    });
    assert.equal(salts.size, PASSWORDS.length, 'a salt was reused');
  });
}
