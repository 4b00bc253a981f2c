// The editor's hashing Web Worker as built into dist/: it is not part of the
// first load, it starts (and says so) when asked, and every hash it makes
// (four passwords per SIMD instruction, or WebCrypto in the worker) is
// ProGet's, checked with Node's own PBKDF2.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { hashPassword } from '../support/pbkdf2.mjs';

const editor = useEditor();

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
