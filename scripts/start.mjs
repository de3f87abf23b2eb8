// `npm start`: build what is stale (the web app with Vite, the server bundle with esbuild), then run the
// server in this process. Plain JavaScript so that it needs nothing but Node to begin.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stdout.write(`${m}\n`);

function newest(...paths) {
  let latest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) latest = Math.max(latest, stat.mtimeMs);
    else
      for (const e of fs.readdirSync(p))
        if (e !== 'node_modules' && e !== 'dist') latest = Math.max(latest, newest(path.join(p, e)));
  }
  return latest;
}
const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
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

const server = path.join(root, 'packages/server');
const bundle = path.join(server, 'dist/main.mjs');
if (builtAt(bundle) < newest(path.join(server, 'src'), domain)) {
  say('Đang đóng gói máy chủ (esbuild)…');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(server, 'src/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // node_modules load as they are; only our TypeScript (server and the @motcua/domain source) is bundled
    plugins: [
      {
        name: 'external-deps',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@motcua/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    sourcemap: true,
    logLevel: 'warning',
  });
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
