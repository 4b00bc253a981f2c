// A tiny static file server for the built editor (`dist/` at the repository
// root), on 127.0.0.1 with a free port, so the tests need nothing but Node.
//
//   const server = await serve();          // serves ../dist
//   await page.goto(server.url);           // "http://127.0.0.1:PORT/"
//   await server.close();

import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, two folders above this file. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where Trunk puts the built editor; E2E_DIST=/other/folder serves another build. */
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(ROOT, 'dist');

/**
 * The app's files as the service worker keeps them (every file of the build
 * but sw.js itself, as scripts/sw-stamp.sh stamps them), as sorted paths
 * such as '/editor.js'. Read from the build, so a new file (a worker, say)
 * needs no change to the tests.
 */
export function appFiles(root = DIST) {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== 'sw.js' && !e.name.startsWith('.'))
    .map((e) => `/${e.name}`)
    .sort();
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the files under `root` (default: dist/) at http://127.0.0.1:PORT/.
 * `/` and folders answer with their index.html. Unknown paths get a 404, so a
 * missing asset shows up as a failed request rather than a page.
 *
 * Every request is logged in `requests` (`{ method, path }`, in order): what
 * reached the network, as opposed to what a service worker answered.
 *
 * @param {{ root?: string, port?: number, cacheControl?: string,
 *   routes?: Record<string, { status: number, location?: string }> }} [options]
 *   port 0 (default) picks a free one; `cacheControl` (default "no-store")
 *   is sent with every file (e.g. "no-cache" lets the browser keep a copy,
 *   as most static hosts do); `routes` answers the given paths with a
 *   status (and a Location, for a redirect) instead of the file.
 * @returns {Promise<{ url: string, origin: string, root: string,
 *   requests: { method: string, path: string }[], close: () => Promise<void> }>}
 */
export async function serve({ root = DIST, port = 0, cacheControl = 'no-store', routes = {} } = {}) {
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html'))) {
    throw new Error(
      `${join(base, 'index.html')} does not exist: build the editor first ` +
        '(`trunk build --release --offline` at the repository root, or scripts/test).',
    );
  }
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      requests.push({ method: req.method, path: pathname });
      const route = routes[pathname];
      if (route) {
        const headers = { 'content-type': 'text/plain', 'cache-control': cacheControl };
        if (route.location) headers.location = route.location;
        res.writeHead(route.status, headers).end(`${route.status}: ${pathname}`);
        return;
      }
      let file = normalize(join(base, pathname));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': cacheControl,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}/`,
    origin,
    root: base,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
