// The server's production bundle: our TypeScript (server and the @motcua/domain source) bundled by esbuild into
// packages/server/dist/main.mjs, node_modules left external; rebuilt only when a source is newer. Used by
// `npm start` and by the benchmarks, so that both measure and run the same code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time (ms) of the files under `paths`, node_modules and dist excluded. */
export function newest(...paths) {
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

export const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/** Builds the bundle when stale (`say` announces it); returns its path. */
export async function serverBundle(say = () => {}) {
  const server = path.join(root, 'packages/server');
  const bundle = path.join(server, 'dist/main.mjs');
  if (builtAt(bundle) < newest(path.join(server, 'src'), path.join(root, 'packages/domain/src'))) {
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
  return bundle;
}
