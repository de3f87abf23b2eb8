import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Grant } from '../api/types';
import { useAuth } from './AuthContext';

export interface WorkingUnit {
  id: string;
  code: string;
  name: string;
}

interface WorkingUnitValue {
  units: WorkingUnit[];
  unit: WorkingUnit | null;
  setUnitId: (id: string) => void;
}

const STORAGE_KEY = 'motcua.unit';
const WorkingUnitContext = createContext<WorkingUnitValue | null>(null);

export function distinctUnits(grants: Grant[]): WorkingUnit[] {
  const seen = new Map<string, WorkingUnit>();
  for (const g of grants) {
    if (!seen.has(g.unitId)) seen.set(g.unitId, { id: g.unitId, code: g.unitCode, name: g.unitName });
  }
  return [...seen.values()];
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The unit the user is working for, chosen among the units of their grants. */
export function WorkingUnitProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [chosen, setChosen] = useState<string | null>(readSaved);
  const units = useMemo(() => distinctUnits(user?.grants ?? []), [user]);
  const unit = units.find((u) => u.id === chosen) ?? units[0] ?? null;

  const setUnitId = useCallback((id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      /* ignore */
    }
  }, []);

  const value = useMemo(() => ({ units, unit, setUnitId }), [units, unit, setUnitId]);
  return <WorkingUnitContext.Provider value={value}>{children}</WorkingUnitContext.Provider>;
}

export function useWorkingUnit(): WorkingUnitValue {
  const ctx = useContext(WorkingUnitContext);
  if (!ctx) throw new Error('WorkingUnitProvider missing');
  return ctx;
}
