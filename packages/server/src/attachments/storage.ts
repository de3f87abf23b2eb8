/**
 * Where attachment bytes live. The database keeps the metadata and an opaque `storage_key`; a FileStore keeps
 * the bytes. LocalFileStore (below) is the only implementation today; an S3-compatible store is the planned
 * second one and plugs in here (same three methods, key = the same content address) without touching the
 * service, the routes or the table.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Config } from '../platform/config';

export interface FileStore {
  /** Stores the bytes durably and returns the key to read them back with. Storing the same bytes twice is fine. */
  put(data: Buffer): Promise<{ key: string }>;
  /** The bytes of a stored key; fails for an unknown key. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Content-addressed files under `<root>/ab/cd/<sha256>`: identical uploads share one file, a key can only
 * name a file under the root (checked by pattern, so no path traversal), and a file is written to a temporary
 * name, fsynced, then renamed into place, so a reader never sees a partial file, even after a crash.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    const m = KEY.exec(key);
    if (!m || !m[3]!.startsWith(m[1]! + m[2]!)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, m[1]!, m[2]!, m[3]!);
  }

  async put(data: Buffer): Promise<{ key: string }> {
    const hash = sha256Hex(data);
    const key = `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
    const target = this.pathOf(key);
    const existing = await fsp.stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === data.length) return { key };

    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    try {
      const handle = await fsp.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, target);
    } catch (e) {
      await fsp.rm(temp, { force: true });
      throw e;
    }
    await syncDirectory(dir);
    return { key };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fsp.access(file, fs.constants.R_OK);
    return fs.createReadStream(file);
  }

  async exists(key: string): Promise<boolean> {
    const s = await fsp.stat(this.pathOf(key)).catch(() => undefined);
    return !!s?.isFile();
  }
}

/** Makes the rename durable (the directory entry); not supported on every platform, so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // e.g. Windows cannot fsync a directory
  } finally {
    await handle?.close();
  }
}

/** The configured store: today always the local one under `<DATA_DIR>/files/`. */
export function fileStoreFor(config: Pick<Config, 'dataDir'>): FileStore {
  return new LocalFileStore(path.join(config.dataDir, 'files'));
}
