import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { DomainError } from '@motcua/domain';
import { connect } from '../platform/db';
import { todayInVietnam } from '../platform/context';
import { formatOf, importRecords, readImportFile } from './importer';

/** `procedures:import <file> [--dry-run] [--effective-from=YYYY-MM-DD]`: exit 0 written/valid, 1 invalid records, 2 usage or broken file. */
export async function importProceduresCommand(url: string, args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const dryRun = args.includes('--dry-run');
  const effectiveFrom = args.find((a) => a.startsWith('--effective-from='))?.split('=')[1] ?? todayInVietnam();
  const format = file ? formatOf(file, undefined) : undefined;
  if (!file || !format || !fs.existsSync(file)) {
    console.error('Cách dùng: procedures:import <tệp .json|.csv|.xlsx> [--dry-run] [--effective-from=YYYY-MM-DD]');
    return 2;
  }
  let raw: unknown[];
  try {
    raw = await readImportFile(fs.readFileSync(file), format);
  } catch (e) {
    console.error(e instanceof DomainError ? `${e.message}` : (e as Error).message);
    return 2;
  }
  const bar = new cliProgress.SingleBar(
    { format: '  {bar} {value}/{total} {stage}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(raw.length, 0, { stage: 'kiểm tra' });
  const h = connect(url, 2);
  try {
    const { report, written } = await h.db.transaction().execute((trx) =>
      importRecords(trx, raw, {
        dryRun,
        effectiveFrom,
        actor: { userId: null, name: 'Dòng lệnh (procedures:import)' },
        requestId: `cli-${Date.now()}`,
        onProgress: (done, total, stage) => {
          bar.setTotal(total);
          bar.update(done, { stage });
        },
      }),
    );
    bar.stop();
    for (const r of report.records.filter((x) => x.status === 'INVALID').slice(0, 50))
      console.error(`  ${r.code}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    const warned = report.records.filter((r) => r.warnings.length).length;
    console.log(
      `${report.total} bản ghi: ${report.valid} hợp lệ, ${report.invalid} không hợp lệ (${warned} có cảnh báo); ${report.created} mới, ${report.changed} thay đổi, ${report.unchanged} không đổi.`,
    );
    if (report.invalid) console.log('Không ghi bản ghi nào (nhập là tất cả hoặc không).');
    else console.log(dryRun ? 'Chạy thử: chưa ghi.' : written ? 'Đã ghi.' : 'Không có gì để ghi.');
    return report.invalid ? 1 : 0;
  } finally {
    bar.stop();
    await h.close();
  }
}
