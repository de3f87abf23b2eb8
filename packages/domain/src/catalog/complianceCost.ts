/**
 * Compliance cost of a procedure, standard-cost-model style as in Circular 02/2017/TT-VPCP (spec
 * reform-index-plans §5.2; every term to be verified against the circular's form):
 *   costOnce   = T × W + F_service + F_fees + F_other
 *   annualCost = costOnce × timesPerYear × subjectsPerYear
 * Amounts in VND, rounded to the đồng.
 */
export interface ComplianceCostInput {
  /** T: hours spent (preparing, submitting, waiting, supplementing, receiving the result). */
  hours: number;
  /** W: average income per hour, VND (the statistic used is a setting of the caller). */
  incomePerHour: number;
  /** F_service: consultancy or service fees. */
  serviceFees: number;
  /** F_fees: fees and charges (phí, lệ phí). */
  fees: number;
  /** F_other: travel, copies, notarisation, … */
  otherCosts: number;
  timesPerYear: number;
  subjectsPerYear: number;
}

export interface ComplianceCost {
  costOnce: number;
  annualCost: number;
}

export function complianceCost(i: ComplianceCostInput): ComplianceCost {
  for (const [k, v] of Object.entries(i))
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${k} must be a non-negative number`);
  const costOnce = Math.round(i.hours * i.incomePerHour + i.serviceFees + i.fees + i.otherCosts);
  return { costOnce, annualCost: costOnce * i.timesPerYear * i.subjectsPerYear };
}

export interface CostComparison {
  before: ComplianceCost;
  after: ComplianceCost;
  saving: number;
  /** saving ÷ annualCost_before × 100, two decimals; null when the cost before is 0. */
  reductionRate: number | null;
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

export function compareComplianceCost(before: ComplianceCostInput, after: ComplianceCostInput): CostComparison {
  const b = complianceCost(before);
  const a = complianceCost(after);
  const saving = b.annualCost - a.annualCost;
  return { before: b, after: a, saving, reductionRate: pct(saving, b.annualCost) };
}

/** Programme-level reduction over several procedures: Σ saving ÷ Σ annualCost_before (verify). */
export function programmeReduction(items: readonly { annualCostBefore: number; annualCostAfter: number }[]) {
  const before = items.reduce((s, i) => s + i.annualCostBefore, 0);
  const after = items.reduce((s, i) => s + i.annualCostAfter, 0);
  return {
    annualCostBefore: before,
    annualCostAfter: after,
    saving: before - after,
    reductionRate: pct(before - after, before),
  };
}

/** Internal-process cut (reform-index-plans §5.4): share of steps and of working hours removed, in percent. */
export function processCut(before: { steps: number; hours: number }, after: { steps: number; hours: number }) {
  return {
    stepCutPct: pct(before.steps - after.steps, before.steps),
    timeCutPct: pct(before.hours - after.hours, before.hours),
  };
}

export { pct as percentOf };
