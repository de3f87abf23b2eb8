/**
 * `dossiers:import <file.json|file.jsonl> [--dry-run] [--batch-size 1000] [--source NAME] [--skip-imported]`:
 * a JSON array or JSON lines of sync records, imported batch by batch (each all or nothing).
 * Exit 0 every batch written (or valid on a dry run), 1 a batch refused, 2 usage or a broken file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect } from '../platform/db';
import { importBatch, type ImportReport } from './service';
import { takenCodes } from './store';

const USAGE =
  'Cách dùng: dossiers:import <tệp .json|.jsonl> [--dry-run] [--batch-size 1000] [--source TÊN] [--skip-imported]';

export interface ImportArgs {
  file: string;
  dryRun: boolean;
  batchSize: number;
  source: string;
  skipImported: boolean;
}

/** `--name value` or `--name=value`. */
function option(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(name.length + 1) : args[i + 1];
}

export function parseImportArgs(args: string[]): ImportArgs | undefined {
  const valued = new Set(['--batch-size', '--source']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const size = Number(option(args, '--batch-size') ?? 1000);
  if (!file || !Number.isInteger(size) || size < 1 || size > 100_000) return undefined;
  return {
    file,
    dryRun: args.includes('--dry-run'),
    batchSize: size,
    source: option(args, '--source') ?? path.basename(file),
    skipImported: args.includes('--skip-imported'),
  };
}

/** A JSON array of records, or one record per line (JSON lines; blank lines ignored). Throws on a broken file. */
export function readRecords(text: string): { records: unknown[]; lines: number[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      throw new Error(`Tệp JSON không hợp lệ: ${(e as Error).message}`);
    }
    if (!Array.isArray(value)) throw new Error('Tệp JSON phải là một mảng các bản ghi hồ sơ.');
    return { records: value, lines: [] };
  }
  const records: unknown[] = [];
  const lines: number[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      records.push(JSON.parse(line));
    } catch (e) {
      throw new Error(`Dòng ${i + 1} không phải JSON hợp lệ: ${(e as Error).message}`);
    }
    lines.push(i + 1);
  });
  return { records, lines };
}

const codeOf = (raw: unknown) => {
  const c = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
  return typeof c === 'string' ? c.normalize('NFC').trim() : undefined;
};

export async function importDossiersCommand(url: string, args: string[]): Promise<number> {
  const o = parseImportArgs(args);
  if (!o || !fs.existsSync(o.file)) {
    console.error(USAGE);
    return 2;
  }
  let file: { records: unknown[]; lines: number[] };
  try {
    file = readRecords(fs.readFileSync(o.file, 'utf8'));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const total = file.records.length;
  const batches = Math.ceil(total / o.batchSize);
  const where = (i: number) => (file.lines.length ? `dòng ${file.lines[i]}` : `bản ghi ${i + 1}`);
  const sum = { done: 0, accepted: 0, rejected: 0, skipped: 0, written: 0, refused: 0 };
  console.log(`${o.file}: ${total} bản ghi, ${batches} lô ${o.batchSize}${o.dryRun ? ' (chạy thử, không ghi)' : ''}.`);
  const h = connect(url, 2);
  try {
    for (let b = 0; b < batches; b++) {
      const start = b * o.batchSize;
      let slice = file.records.slice(start, start + o.batchSize).map((record, k) => ({ record, at: start + k }));
      if (o.skipImported) {
        const codes = slice.map((s) => codeOf(s.record)).filter((c): c is string => !!c);
        const { legacy } = await takenCodes(h.db, codes);
        const before = slice.length;
        slice = slice.filter((s) => !legacy.has(codeOf(s.record) ?? ''));
        sum.skipped += before - slice.length;
      }
      const report: ImportReport = slice.length
        ? await importBatch(
            h.db,
            slice.map((s) => s.record),
            {
              dryRun: o.dryRun,
              source: o.source,
              actor: { userId: null, name: 'Dòng lệnh (dossiers:import)' },
              requestId: `cli-${Date.now()}-${b + 1}`,
            },
          )
        : { dryRun: o.dryRun, written: false, accepted: 0, rejected: 0, records: [] };
      sum.done = Math.min(total, start + o.batchSize);
      sum.accepted += report.accepted;
      sum.rejected += report.rejected;
      if (report.written) sum.written += report.accepted;
      if (report.rejected) sum.refused++;
      const outcome = report.rejected
        ? o.dryRun
          ? 'sẽ bị từ chối'
          : 'bị từ chối, không ghi'
        : report.written
          ? `đã ghi (lô ${report.batchId})`
          : o.dryRun
            ? 'hợp lệ'
            : 'không có gì để ghi';
      const pct = total ? Math.round((sum.done / total) * 100) : 100;
      console.log(
        `Lô ${b + 1}/${batches}: ${sum.done}/${total} (${pct}%) — ${report.accepted} hợp lệ, ${report.rejected} bị từ chối — ${outcome}`,
      );
      for (const r of report.records.filter((x) => x.status === 'ERROR').slice(0, 20)) {
        const at = slice[r.index]!.at;
        for (const e of r.errors ?? [])
          console.error(`  ${where(at)} ${r.code ?? '(không mã)'}: ${e.field || '(bản ghi)'} ${e.code} — ${e.message}`);
      }
    }
    console.log(
      `Tổng: ${total} bản ghi — ${sum.accepted} hợp lệ, ${sum.rejected} bị từ chối` +
        (o.skipImported ? `, ${sum.skipped} đã nhập trước đây (bỏ qua)` : '') +
        `; ${o.dryRun ? 'chạy thử, chưa ghi' : `đã ghi ${sum.written} hồ sơ`}; ${sum.refused}/${batches} lô bị từ chối.`,
    );
    return sum.refused ? 1 : 0;
  } finally {
    await h.close();
  }
}
