/**
 * The editable part of IndexSettings (service-index-766 §5, §9 "keep configurable"): what a province stores
 * as its overrides of DEFAULT_INDEX_SETTINGS. `timelinessGranularity` is not editable here: it is applied when
 * contributions are derived, so changing it would need a re-derivation of every record.
 */
import { z } from 'zod';
import '../schemas/common'; // Vietnamese zod messages by default
import { DEFAULT_INDEX_SETTINGS, settingsOf, type IndexSettings } from './settings.js';
import { INDICATOR_TABLES } from './table.js';
import { unitLevels, type IndicatorCode, type UnitLevel } from './types.js';

/** Every indicator code of the versioned tables. */
const knownCodes: ReadonlySet<string> = new Set(INDICATOR_TABLES.flatMap((t) => t.indicators.map((d) => d.code)));

export const isIndicatorCode = (code: string): code is IndicatorCode => knownCodes.has(code);

const unknownCode = (code: string) => `Mã chỉ tiêu “${code}” không có trong bảng chỉ tiêu.`;

/** A record keyed by indicator code; an unknown code is reported at its own key. */
const byIndicator = (value: z.ZodType<number>) =>
  z
    .record(z.string(), value, { message: 'Phải là một bảng mã chỉ tiêu → giá trị.' })
    .superRefine((rec, ctx) => {
      for (const key of Object.keys(rec))
        if (!isIndicatorCode(key)) ctx.addIssue({ code: 'custom', path: [key], message: unknownCode(key) });
    })
    .transform((rec) => rec as Partial<Record<IndicatorCode, number>>);

const maxPoints = z
  .number({ message: 'Điểm tối đa phải là số.' })
  .min(0, 'Điểm tối đa không được âm.')
  .max(100, 'Điểm tối đa không được quá 100.');

const fullAt = z
  .number({ message: 'Ngưỡng đạt điểm tối đa phải là số.' })
  .gt(0, 'Ngưỡng đạt điểm tối đa phải lớn hơn 0.')
  .max(1, 'Ngưỡng đạt điểm tối đa là tỷ lệ, không quá 1 (100%).');

const codeList = z
  .array(z.string({ message: 'Mã chỉ tiêu phải là chuỗi.' }), { message: 'Phải là danh sách mã chỉ tiêu.' })
  .max(100, 'Tối đa 100 mã chỉ tiêu.')
  .superRefine((codes, ctx) => {
    codes.forEach((code, i) => {
      if (!isIndicatorCode(code)) ctx.addIssue({ code: 'custom', path: [i], message: unknownCode(code) });
      else if (codes.indexOf(code) !== i)
        ctx.addIssue({ code: 'custom', path: [i], message: `Mã chỉ tiêu “${code}” bị lặp.` });
    });
  })
  .transform((codes) => codes as IndicatorCode[]);

const divisor = z
  .number({ message: 'Số chia phải là số nguyên dương hoặc null (không tính được).' })
  .int('Số chia phải là số nguyên.')
  .min(1, 'Số chia phải từ 1 trở lên.')
  .max(366, 'Số chia không quá 366.')
  .nullable();

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { message: `${what} phải là một trong: ${values.join(', ')}.` });

const flag = (what: string) => z.boolean({ message: `${what} phải là true hoặc false.` });

/** The stored overrides of a province: every field optional, unknown fields refused. */
export const indexSettingsOverridesSchema = z.strictObject({
  maxOverrides: byIndicator(maxPoints).optional(),
  fullAtOverrides: byIndicator(fullAt).optional(),
  notApplicable: z
    .partialRecord(z.enum(unitLevels, { message: `Cấp phải là một trong: ${unitLevels.join(', ')}.` }), codeList, {
      message: 'Phải là một bảng cấp → danh sách mã chỉ tiêu.',
    })
    .optional(),
  notApplicablePolicy: oneOf(['AWARD_MAX', 'EXCLUDE'], 'Cách tính chỉ tiêu không áp dụng').optional(),
  zeroDenominator: oneOf(['NOT_APPLICABLE', 'ZERO'], 'Cách tính khi mẫu số bằng 0').optional(),
  capP2: flag('Giới hạn P2').optional(),
  noPetitionPolicy: oneOf(['AWARD_MAX', 'NOT_APPLICABLE'], 'Cách tính khi không có phản ánh, kiến nghị').optional(),
  syncFallbackDivisor: z
    .strictObject({ MONTH: divisor.optional(), QUARTER: divisor.optional(), YEAR: divisor.optional() })
    .optional(),
  syncFallbackZero: oneOf(['NOT_APPLICABLE', 'ZERO'], 'Cách tính đồng bộ khi mẫu số dự phòng bằng 0').optional(),
  onTimeScope: oneOf(['RECEIVED_OR_OPEN_IN_PERIOD', 'RECEIVED_IN_PERIOD'], 'Phạm vi hồ sơ đúng hạn').optional(),
  displayDecimals: z
    .number({ message: 'Số chữ số thập phân phải là số nguyên từ 0 đến 4.' })
    .int('Số chữ số thập phân phải là số nguyên từ 0 đến 4.')
    .min(0, 'Số chữ số thập phân phải là số nguyên từ 0 đến 4.')
    .max(4, 'Số chữ số thập phân phải là số nguyên từ 0 đến 4.')
    .optional(),
  bieu06ClosedCountsAsResolved: flag('Tính hồ sơ dừng, rút, từ chối vào đã giải quyết (Biểu 06)').optional(),
});
export type IndexSettingsOverrides = z.output<typeof indexSettingsOverridesSchema>;
export type IndexSettingsOverridesInput = z.input<typeof indexSettingsOverridesSchema>;

/** The editable settings, in display order. */
export const EDITABLE_INDEX_SETTINGS = [
  'maxOverrides',
  'fullAtOverrides',
  'notApplicable',
  'notApplicablePolicy',
  'zeroDenominator',
  'capP2',
  'noPetitionPolicy',
  'syncFallbackDivisor',
  'syncFallbackZero',
  'onTimeScope',
  'displayDecimals',
  'bieu06ClosedCountsAsResolved',
] as const satisfies readonly (keyof IndexSettingsOverrides)[];
export type EditableIndexSetting = (typeof EDITABLE_INDEX_SETTINGS)[number];

/** Where each setting comes from in the specs (docs/service-index.md, "Configurable values"). */
export const INDEX_SETTING_SPEC_REFS: Record<EditableIndexSetting, string> = {
  maxOverrides: 'service-index-766 §2, §3.3, §9.1–2',
  fullAtOverrides: 'service-index-766 §3.5',
  notApplicable: 'service-index-766 §5',
  notApplicablePolicy: 'service-index-766 §2, §5',
  zeroDenominator: 'service-index-766 §5, §9.4',
  capP2: 'service-index-766 §3.4, §9.3',
  noPetitionPolicy: 'service-index-766 §3.6',
  syncFallbackDivisor: 'service-index-766 §3.1',
  syncFallbackZero: 'service-index-766 §5',
  onTimeScope: 'service-index-766 §3.2',
  displayDecimals: 'service-index-766 §5',
  bieu06ClosedCountsAsResolved: 'one-stop-dossiers §18',
};

/** The effective settings of a province: the defaults, then its overrides (the fallback divisors per kind). */
export function applyIndexSettings(overrides: IndexSettingsOverrides = {}): IndexSettings {
  const { syncFallbackDivisor, notApplicable, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return settingsOf({
    ...defined,
    ...(notApplicable ? { notApplicable: notApplicable as Partial<Record<UnitLevel, IndicatorCode[]>> } : {}),
    syncFallbackDivisor: {
      ...DEFAULT_INDEX_SETTINGS.syncFallbackDivisor,
      ...Object.fromEntries(Object.entries(syncFallbackDivisor ?? {}).filter(([, v]) => v !== undefined)),
    },
  });
}
