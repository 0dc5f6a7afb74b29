// A tiny static server for the built site, on 127.0.0.1 and a free port.
// Paths ending in "/" serve their index.html; a missing file serves the
// site's 404.html with status 404, as a static host would. With a prefix
// (`/transparence/`), the site is served only under it, as on a project
// site of GitHub Pages: anything outside answers 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function file(root, urlPath) {
  let path = normalize(join(root, decodeURIComponent(urlPath)));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    return { path, body: await readFile(path) };
  } catch {
    return null;
  }
}

export function serve(root, prefix = '/') {
  const server = createServer(async (request, response) => {
    const urlPath = new URL(request.url, 'http://localhost').pathname;
    const inside = urlPath.startsWith(prefix) ? '/' + urlPath.slice(prefix.length) : null;
    let found = inside === null ? null : await file(root, inside);
    let status = 200;
    if (!found) {
      found = inside === null ? null : await file(root, '/404.html');
      status = 404;
    }
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(status, { 'content-type': TYPES[extname(found.path)] ?? 'application/octet-stream' });
    response.end(found.body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
