/**
 * motcua command line: `npm run motcua -- <command>`. Uses DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR (sharing it with a running server if there is one).
 */
import { loadConfig } from './platform/config';
import { openDatabase } from './platform/database';
import { connect } from './platform/db';
import { migrate } from './platform/migrate';
import { verifyAudit, createAnchor } from './audit/service';
import { loadDemoData } from './seed/demo';
import { formatReport, generateDossiers, parseGenerateArgs } from './seed/dossierGenerator';
import { countUnits } from './units/store';
import { importProceduresCommand } from './catalog/cli';
import { ensureCalendarReferenceData } from './calendar/referenceData';
import { importDossiersCommand } from './dossierImport/cli';

const commands: Record<string, { help: string; run: (url: string, args: string[]) => Promise<number> }> = {
  migrate: {
    help: 'apply pending SQL migrations',
    async run(url) {
      const { applied } = await migrate(url);
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Không có migration mới.');
      return 0;
    },
  },
  seed: {
    help: 'load the demo dataset into an empty database',
    async run(url) {
      await migrate(url);
      const h = connect(url, 2);
      try {
        await ensureCalendarReferenceData(h.db);
        if ((await countUnits(h.db)) > 0) {
          console.log('Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.');
          return 0;
        }
        await loadDemoData(h.db, { progress: true });
        console.log('Đã nạp dữ liệu mẫu.');
        return 0;
      } finally {
        await h.close();
      }
    },
  },
  'dossiers:generate': {
    help: 'generate realistic dossier histories: dossiers:generate --dossiers N --months M [--seed S] [--unit CODE] (npm run generate)',
    async run(url, args) {
      const options = parseGenerateArgs(args);
      await migrate(url);
      const h = connect(url, 4);
      try {
        await ensureCalendarReferenceData(h.db);
        const report = await generateDossiers(h.db, { ...options, progress: process.stdout.isTTY !== false });
        for (const line of formatReport(report)) console.log(line);
        return report.refusals > 0 ? 1 : 0;
      } finally {
        await h.close();
      }
    },
  },
  'procedures:import': {
    help: 'import a procedure catalogue file (JSON as procedures.json, CSV or XLSX): procedures:import <file> [--dry-run] [--effective-from=YYYY-MM-DD]',
    run: importProceduresCommand,
  },
  'dossiers:import': {
    help: 'import dossier histories from a former system (sync records, JSON array or JSON lines): dossiers:import <file> [--dry-run] [--batch-size 1000] [--source NAME] [--skip-imported]',
    async run(url, args) {
      await migrate(url);
      return importDossiersCommand(url, args);
    },
  },
  'audit:verify': {
    help: 'verify every audit hash chain and anchor; exit code 1 and the first broken row if any',
    async run(url) {
      const h = connect(url, 2);
      try {
        const report = await verifyAudit(h.db);
        if (report.ok) {
          console.log(`Nhật ký toàn vẹn: ${report.rows} dòng, ${report.chains} chuỗi, ${report.anchors} mốc neo.`);
          return 0;
        }
        const first = report.firstBroken!;
        console.error(
          `Nhật ký bị sai lệch tại dòng id=${first.id} (chuỗi ${first.chainKey}, số thứ tự ${first.seq}, lý do ${first.reason}); tổng ${report.broken.length} chuỗi lỗi.`,
        );
        return 1;
      } finally {
        await h.close();
      }
    },
  },
  'audit:anchor': {
    help: 'write an audit anchor now',
    async run(url) {
      const h = connect(url, 2);
      try {
        const anchor = await createAnchor(h.db, 'cli');
        console.log(`Mốc neo #${anchor.id}: ${anchor.chainCount} chuỗi, ${anchor.hash}`);
        return 0;
      } finally {
        await h.close();
      }
    },
  },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.log('Cách dùng: npm run motcua -- <lệnh>\n');
  for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(14)} ${c.help}`);
  process.exit(name ? 2 : 0);
}
const database = await openDatabase(loadConfig());
let code = 1;
try {
  code = await command.run(database.url, args);
} catch (error) {
  console.error((error as Error).message);
} finally {
  await database.embedded?.stop();
}
process.exit(code);
