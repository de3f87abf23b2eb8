import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './config';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its bundle is missing or older than its sources (so `npm start` needs no extra step). */
export function ensureWebBuilt(log: (message: string) => void): void {
  const web = path.join(projectRoot, 'packages/web');
  const index = path.join(web, 'dist/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(projectRoot, 'packages/domain/src')),
    fs.existsSync(path.join(web, 'index.html')) ? fs.statSync(path.join(web, 'index.html')).mtimeMs : 0,
  );
  if (!fs.existsSync(path.join(web, 'index.html'))) return;
  if (built >= sources) return;
  log('Đang biên dịch giao diện web (vite build)…');
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed');
}
