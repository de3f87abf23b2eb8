/**
 * Agency electronic identifier (mã định danh điện tử, Decision 20/2020/QĐ-TTg), in the practical one-stop
 * form LLL.CC.BB.AAA: AAA = level 1 (H26 = Hanoi People's Committee), BB level 2, CC level 3, LLL level 4.
 */
export const unitCodePattern = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;

export function isValidUnitCode(code: string): boolean {
  return unitCodePattern.test(code);
}

/** The level-1 group (e.g. H26), which names the province or ministry the unit belongs to. */
export function unitCodeRoot(code: string): string {
  return code.slice(-3);
}
