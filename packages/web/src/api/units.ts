import { api } from './client';
import type { IsoDate, Page, ReorganisationInput, Unit, UnitDetail, UnitInput, UnitType } from './types';

export interface UnitListParams {
  asOf: IsoDate;
  parentId?: string | 'root';
  q?: string;
  type?: UnitType;
  limit?: number;
  cursor?: string | null;
}

const enc = encodeURIComponent;

export const unitsApi = {
  list: (p: UnitListParams, signal?: AbortSignal) => api.get<Page<Unit>>('/units', { ...p }, signal),

  /** Every page of a listing (children of one parent are at most a few hundred). */
  async listAll(p: Omit<UnitListParams, 'cursor'>, signal?: AbortSignal): Promise<Unit[]> {
    const out: Unit[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: Page<Unit> = await unitsApi.list({ limit: 200, ...p, cursor }, signal);
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return out;
  },

  get: (id: string) => api.get<UnitDetail>(`/units/${enc(id)}`),
  create: (body: UnitInput) => api.post<Unit>('/units', body),
  update: (id: string, version: number, patch: Partial<UnitInput>) =>
    api.patch<Unit>(`/units/${enc(id)}`, patch, { 'if-match': `"${version}"` }),
  reorganise: (body: ReorganisationInput) => api.post<{ targets: Unit[] }>('/units/reorganisations', body),
};
