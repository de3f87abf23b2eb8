import type ExcelJS from 'exceljs';
import { DomainError, contentToRow, tabularColumns } from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import * as store from './store';
import { findUnit } from '../units/store';

/** The catalogue of a unit as of a date, as an XLSX in the import layout (so it can be edited and re-imported). */
export async function exportUnitCatalogue(ctx: RequestContext, unitId: string, asOf?: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw new DomainError('NOT_FOUND');
  const date = asOf ?? ctx.today;
  const versions = await store.unitCatalogue(ctx.db, unitId, date);
  const { default: Excel } = await import('exceljs'); // large: loaded on first use
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date();
  const sheet = wb.addWorksheet('Thủ tục');
  sheet.columns = tabularColumns.map((c) => ({
    header: c,
    key: c,
    width: c === 'name' || c === 'documents' ? 60 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const v of versions) sheet.addRow(contentToRow(v.content, v.parseWarnings));
  const info = wb.addWorksheet('Thông tin');
  info.addRows([
    ['Đơn vị', unit.name],
    ['Mã định danh', unit.code],
    ['Ngày áp dụng', date],
    ['Số thủ tục', versions.length],
    ['Bố cục cột', 'docs/catalog.md (nhập lại được bằng POST /api/v1/procedures/import)'],
  ]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: `thu-tuc-${unit.code}-${date}.xlsx`, count: versions.length };
}
