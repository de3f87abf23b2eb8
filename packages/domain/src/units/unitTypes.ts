export const unitTypes = [
  'PROVINCE',
  'DISTRICT',
  'WARD',
  'COMMUNE',
  'TOWNSHIP',
  'DEPARTMENT',
  'SERVICE_CENTRE',
  'SERVICE_POINT',
] as const;
export type UnitType = (typeof unitTypes)[number];

export const unitTypeLabels: Record<UnitType, { vi: string; en: string }> = {
  PROVINCE: { vi: 'Tỉnh, thành phố', en: 'Province / city' },
  DISTRICT: { vi: 'Quận, huyện, thị xã (trước 01/7/2025)', en: 'District (before 1/7/2025)' },
  WARD: { vi: 'Phường', en: 'Ward' },
  COMMUNE: { vi: 'Xã', en: 'Commune' },
  TOWNSHIP: { vi: 'Thị trấn', en: 'Township' },
  DEPARTMENT: { vi: 'Sở, ban, ngành', en: 'Department / agency' },
  SERVICE_CENTRE: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public administration service centre' },
  SERVICE_POINT: { vi: 'Điểm phục vụ hành chính công', en: 'Service point' },
};

/** Which unit types may sit under which: keeps the tree meaningful (a ward never contains a department). */
export const allowedParentTypes: Record<UnitType, readonly (UnitType | null)[]> = {
  PROVINCE: [null],
  DISTRICT: ['PROVINCE'],
  WARD: ['PROVINCE', 'DISTRICT'],
  COMMUNE: ['PROVINCE', 'DISTRICT'],
  TOWNSHIP: ['DISTRICT'],
  DEPARTMENT: ['PROVINCE', 'DISTRICT', 'WARD', 'COMMUNE', 'TOWNSHIP', 'DEPARTMENT'],
  SERVICE_CENTRE: ['PROVINCE', 'DISTRICT', 'WARD', 'COMMUNE', 'TOWNSHIP'],
  SERVICE_POINT: ['SERVICE_CENTRE'],
};
