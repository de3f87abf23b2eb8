// `npm start`: build what is stale (the web app with Vite, the server bundle with esbuild), then run the
// server in this process. Plain JavaScript so that it needs nothing but Node to begin.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { builtAt, newest, serverBundle } from './serverBundle.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stdout.write(`${m}\n`);

const domain = path.join(root, 'packages/domain/src');

const web = path.join(root, 'packages/web');
if (
  builtAt(path.join(web, 'dist/index.html')) <
  newest(path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), domain)
) {
  say('Đang biên dịch giao diện web (vite build)…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: web, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const bundle = await serverBundle(say);

process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
