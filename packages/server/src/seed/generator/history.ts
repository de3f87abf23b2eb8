/**
 * One dossier's history as real actions through the domain's decide(), with the unit's working calendar: the
 * result is the folded state of exactly the actions that will be stored, so projection and log cannot disagree.
 * Actions later than `now` are not taken: the dossier stays where it is (in someone's queue, waiting, overdue).
 */
import { randomUUID } from 'node:crypto';
import {
  addWorkingTime,
  computeDue,
  localDateOf,
  workingTimeBetween,
  HOUR_MS,
  MINUTE_MS,
} from '@motcua/domain/calendar/index';
import type { Role } from '@motcua/domain';
import {
  decide,
  formatDossierCode,
  initialDossierState,
  type DossierAction,
  type DossierActionType,
  type DossierState,
  type DossierStateName,
} from '@motcua/domain/dossier/index';
import type { Paper } from '../../dossiers/store';
import { processFor, type Officer, type OfficerRole, type UnitContext } from './context';
import { applicant, personName, type Person } from './people';
import type { DossierPlan } from './plan';
import type { Rng } from './random';

const WORKING_DAY_MS = 8 * HOUR_MS;
const apologyStates = new Set<DossierStateName>([
  'RECEIVED',
  'ASSIGNED',
  'IN_STEP',
  'HANDED_OFF',
  'SENT_BACK',
  'COORDINATING',
  'AWAITING_PAYMENT',
]);

interface Actor {
  userId: string;
  role: Role;
  name?: string;
}

export interface BuiltDossier {
  id: string;
  plan: DossierPlan;
  applicant: Person;
  papers: Paper[];
  summary: string | null;
  setCount: number;
  submittedBy: string | null;
  receivedBy: string | null;
  state: DossierState;
  actions: DossierAction[];
  /** The actor ids as stored (null: a citizen of the National Public Service Portal, no account here). */
  actorIds: (string | null)[];
  /** Refusals of decide() (a generator bug): the history stops there. */
  refusals: string[];
  /** The intended fate was not reached within the attempts. */
  mismatch: boolean;
}

class GeneratorRefusal extends Error {}

/** Builds the log action by action; stops quietly at `now`, loudly on a refusal. */
class History {
  state = initialDossierState();
  actions: DossierAction[] = [];
  actorIds: (string | null)[] = [];
  done = false;
  private apologized = false;

  constructor(
    private readonly unit: UnitContext,
    private readonly now: number,
    private readonly apology: { wanted: boolean; leader: Actor; rng: Rng },
  ) {}

  get last(): number {
    return this.state.lastActionAt ?? 0;
  }

  act(type: DossierActionType, actor: Actor, at: number, payload: Record<string, unknown> = {}): boolean {
    if (this.done) return false;
    const t = Math.max(Math.round(at), this.last);
    if (t > this.now) {
      this.done = true;
      return false;
    }
    if (type !== 'APOLOGIZE_AND_RESCHEDULE') this.maybeApologize(t);
    const action: DossierAction = {
      id: randomUUID(),
      type,
      actor: { userId: actor.userId, role: actor.role, unitId: this.unit.id },
      at: t,
      payload,
    };
    const r = decide(this.state, action, { calendar: this.unit.uc.calendar });
    if (!r.ok) throw new GeneratorRefusal(`${type} từ ${this.state.state}: ${r.code}`);
    this.state = r.next;
    this.actions.push(action);
    this.actorIds.push(actor.userId === '' ? null : actor.userId);
    return true;
  }

  /** A late dossier's leader apologises about 1.5 working days before the due time, with a later date. */
  private maybeApologize(t: number) {
    const s = this.state;
    if (!this.apology.wanted || this.apologized || s.dueAt === null || s.receivedAt === null) return;
    if (!apologyStates.has(s.state)) return;
    const cal = this.unit.uc.calendar;
    const before = workingTimeBetween(cal, s.receivedAt, s.dueAt);
    const at0 = addWorkingTime(cal, s.receivedAt, Math.max(0, before - 1.5 * WORKING_DAY_MS));
    if (t < at0) return;
    this.apologized = true;
    const at = Math.max(at0, this.last);
    if (at >= s.dueAt) return;
    const rng = this.apology.rng;
    const day = cal.nthWorkingDayAfter(cal.dayIndexOf(s.dueAt), 3 + rng.int(6));
    this.act('APOLOGIZE_AND_RESCHEDULE', this.apology.leader, at, {
      reason: rng.pick([
        'Cần xác minh thực địa, lấy ý kiến các cơ quan liên quan',
        'Hồ sơ phức tạp, cần thêm thời gian thẩm định',
        'Chờ kết quả đo đạc, trích lục bản đồ địa chính',
        'Cán bộ thụ lý nghỉ ốm đột xuất',
      ]),
      newDueDate: localDateOf(cal.dayStart(day)),
      signerName: this.apology.leader.name,
      letterNumber: `${10 + rng.int(890)}/TB-UBND`,
    });
  }
}

function papersOf(plan: DossierPlan, provided: boolean): Paper[] {
  const seen = new Set<string>();
  return plan.proc.documents.map((d, index) => {
    // one paper of each group of alternatives, every paper outside a group
    const take = provided && (d.group === null || !seen.has(d.group));
    if (d.group !== null && take) seen.add(d.group);
    return { index, name: d.name, kind: d.kind, copies: d.copies ?? d.originals ?? null, provided: take };
  });
}

function officer(unit: UnitContext, role: OfficerRole | string | null, rng: Rng): Officer {
  const o = unit.officers;
  const list =
    role === 'COUNTER_OFFICER'
      ? o.COUNTER_OFFICER
      : role === 'UNIT_LEADER'
        ? o.UNIT_LEADER.length
          ? o.UNIT_LEADER
          : o.SPECIALIST
        : o.SPECIALIST.length
          ? o.SPECIALIST
          : o.UNIT_LEADER;
  return rng.pick(list.length ? list : o.COUNTER_OFFICER);
}

const asActor = (o: Officer): Actor => ({ userId: o.userId, role: o.role, name: o.name });

interface StepPlan {
  id: string;
  name: string;
  role: string | null;
  hours: number;
  share: number;
}

function stepsOf(plan: DossierPlan): { steps: StepPlan[]; fromProcess: boolean } {
  const process = processFor(plan.proc, plan.channel);
  if (process && process.length > 0) {
    const total = process.reduce((a, s) => a + Math.max(0.1, s.hours), 0);
    return {
      steps: process.map((s, i) => ({
        id: `step-${i + 1}`,
        name: s.name,
        role: s.role,
        hours: s.hours,
        share: Math.max(0.1, s.hours) / total,
      })),
      fromProcess: true,
    };
  }
  return {
    steps: [
      { id: 'step-1', name: 'Thẩm định hồ sơ, dự thảo kết quả', role: 'SPECIALIST', hours: 0, share: 0.75 },
      { id: 'step-2', name: 'Lãnh đạo ký duyệt', role: 'UNIT_LEADER', hours: 0, share: 0.25 },
    ],
    fromProcess: false,
  };
}

const resultSuffix = (field: string) =>
  /hộ tịch/i.test(field)
    ? 'TP-HT'
    : /chứng thực/i.test(field)
      ? 'SCT/BS'
      : /đất đai/i.test(field)
        ? 'GCN-ĐĐ'
        : /xây dựng/i.test(field)
          ? 'GPXD'
          : 'UBND';

/**
 * The history of one planned dossier; `speed` < 1 makes processing faster (a retry of an intended on-time
 * dossier that came out late), > 1 slower.
 */
export function buildHistory(
  plan: DossierPlan,
  rng: Rng,
  now: number,
  citizenAccount: { userId: string; name: string } | null,
  speed: number,
): BuiltDossier {
  const unit = plan.unit;
  const cal = unit.uc.calendar;
  const later = (from: number, ms: number) => addWorkingTime(cal, from, Math.max(MINUTE_MS, Math.round(ms)));
  const counter = asActor(officer(unit, 'COUNTER_OFFICER', rng));
  const leaderOfficer = officer(unit, 'UNIT_LEADER', rng);
  const leader = asActor(leaderOfficer);
  // the apology is signed by the leader (or issued by the counter where the unit has no leader)
  const apologiser = leader.role === 'UNIT_LEADER' ? leader : counter;
  const h = new History(unit, now, { wanted: plan.fate.apology, leader: apologiser, rng });
  const account = plan.viaAccount && citizenAccount ? citizenAccount : null;
  const citizen: Actor = { userId: account?.userId ?? '', role: 'CITIZEN' };
  const person: Person = account
    ? { ...applicant(rng, unit.name, false), name: account.name }
    : applicant(rng, unit.name, plan.proc.organisation && rng.chance(0.7));
  const built: BuiltDossier = {
    id: randomUUID(),
    plan,
    applicant: person,
    papers: papersOf(plan, plan.receiveAt !== null),
    summary: rng.chance(0.4) ? `Đề nghị giải quyết thủ tục: ${plan.proc.name}`.slice(0, 2000) : null,
    setCount: rng.chance(0.1) ? 2 : 1,
    submittedBy: account?.userId ?? null,
    receivedBy: null,
    state: h.state,
    actions: [],
    actorIds: [],
    refusals: [],
    mismatch: false,
  };
  try {
    run();
  } catch (e) {
    if (!(e instanceof GeneratorRefusal)) throw e;
    built.refusals.push(e.message);
  }
  built.state = h.state;
  built.actions = h.actions;
  built.actorIds = h.actorIds;
  return built;

  function run() {
    const submit = { channel: 'ONLINE', ...(account ? {} : { submittedViaNationalPortal: true }) };
    if (plan.channel === 'ONLINE') {
      h.act('SUBMIT', citizen, plan.submitAt!, submit);
      const docNames = plan.proc.documents.map((d) => d.name.slice(0, 500));
      switch (plan.pre) {
        case 'GUIDED_THEN_RECEIVED':
        case 'GUIDED_ABANDONED':
        case 'GUIDED_CANCELLED':
          h.act('GUIDE_TO_COMPLETE', counter, plan.guideAt!, {
            items: docNames.length ? [rng.pick(docNames)] : ['Bản sao giấy tờ tùy thân'],
            reason: 'Hồ sơ chưa đủ thành phần theo quy định; đề nghị bổ sung, hoàn thiện và nộp lại.',
          });
          if (plan.pre === 'GUIDED_CANCELLED') h.act('CANCEL', citizen, plan.preEndAt!, { reason: 'Không nộp lại' });
          if (plan.pre === 'GUIDED_THEN_RECEIVED') h.act('SUBMIT', citizen, plan.resubmitAt!, submit);
          break;
        case 'REFUSED':
          h.act('REFUSE_RECEPTION', counter, plan.preEndAt!, {
            reasons: ['Hồ sơ không đúng đối tượng, điều kiện giải quyết của thủ tục.'],
          });
          return;
        case 'OTHER_BODY':
          h.act('GUIDE_TO_OTHER_BODY', counter, plan.preEndAt!, {
            reason: 'Thủ tục thuộc thẩm quyền giải quyết của cơ quan khác.',
            suggestedBody: 'Trung tâm Phục vụ hành chính công thành phố Hà Nội',
          });
          return;
        case 'CANCELLED':
          h.act('CANCEL', citizen, plan.preEndAt!, {});
          return;
        default:
          break;
      }
    }
    if (plan.receiveAt === null || plan.code === null) return;
    receive();
    if (h.done || h.state.state !== 'RECEIVED') return;
    processSteps();
  }

  function receive() {
    const pr = plan.proc;
    const payload: Record<string, unknown> = {
      channel: plan.channel,
      dossierCode: plan.code,
      receivingUnitId: unit.id,
      procedure: {
        procedureCode: pr.code,
        procedureVersionId: pr.versionId,
        timeLimit: pr.limits[plan.channel],
        dueTimeMode: unit.uc.dueTimeMode,
        cutoffTime: pr.cutoffTime,
        supplementClockMode: pr.supplementClockMode,
        excludedPeriods: pr.excludedPeriods,
      },
    };
    if (plan.channel === 'POSTAL') payload.postalWaybillNumber = `EB${100000000 + rng.int(899999999)}VN`;
    if (h.act('RECEIVE', counter, plan.receiveAt!, payload)) built.receivedBy = counter.userId;
    if (rng.chance(0.6)) {
      const components = built.papers
        .filter((p) => p.provided)
        .slice(0, 12)
        .map((p, k) => ({
          code: `TP${p.index + 1}`,
          digitized: true,
          reused: rng.chance(0.08),
          fromNationalStore: false,
          fromPopulationDatabase: k === 0 && rng.chance(0.5),
        }));
      if (components.length)
        h.act('RECORD_DIGITIZATION', counter, later(plan.receiveAt!, rng.between(1, 12) * MINUTE_MS), {
          components,
          ...(plan.channel === 'ONLINE' ? { accountVerifiedWithVNeID: rng.chance(0.7) } : {}),
        });
    }
  }

  function processSteps() {
    const s0 = h.state;
    const { steps } = stepsOf(plan);
    const avail = Math.max(30 * MINUTE_MS, workingTimeBetween(cal, s0.receivedAt!, s0.dueAt!));
    const u = plan.fate.late ? 1.1 + 0.55 * rng.next() : 0.15 + 0.6 * rng.triangular(0.3);
    const total = avail * u * speed + (plan.fate.late ? 2 * HOUR_MS : 0);
    const jitter = steps.map((st) => st.share * rng.between(0.7, 1.3));
    const jsum = jitter.reduce((a, b) => a + b, 0);
    const durations = jitter.map((j) => Math.max(5 * MINUTE_MS, (total * j) / jsum));
    const supplementStep =
      plan.fate.supplement === 'NONE'
        ? -1
        : Math.max(
            0,
            steps.findIndex((st) => st.role === 'SPECIALIST'),
          );
    const endStep = plan.fate.end === 'WITHDRAWN' || plan.fate.end === 'STOPPED' ? Math.min(1, steps.length - 1) : -1;

    let t = h.last;
    let by: Actor = counter;
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      const assignee = asActor(officer(unit, st.role, rng));
      const assign = {
        stepId: st.id,
        stepName: st.name,
        assigneeUserId: assignee.userId,
        ...(st.hours > 0 ? { budget: { value: st.hours, unit: 'WORKING_HOURS' } } : {}),
      };
      const tAssign = later(t, rng.between(i === 0 ? 3 : 1, i === 0 ? 25 : 12) * MINUTE_MS);
      h.act('ASSIGN', by, tAssign, assign);
      let dur = durations[i]!;
      // the assignee opens the dossier after a while: a few minutes to a few hours
      let tStart = later(tAssign, Math.min(dur * 0.3, rng.logNormal(30 * MINUTE_MS, 1.1)));
      h.act('START_STEP', assignee, tStart);
      if (i === supplementStep) {
        const used = dur * rng.between(0.1, 0.4);
        const tr = later(tStart, used);
        const docNames = plan.proc.documents.map((d) => d.name.slice(0, 500));
        h.act('REQUEST_SUPPLEMENT', assignee, tr, {
          items: docNames.length
            ? rng.sample(docNames.length, 1 + rng.int(2)).map((k) => docNames[k]!)
            : ['Bản sao giấy tờ tùy thân'],
          reason: 'Thành phần hồ sơ chưa đúng quy định, cần bổ sung để thẩm định.',
        });
        if (plan.fate.supplement === 'ABANDONED') {
          if (h.state.regime === 'OSS_2025') {
            const limit = computeDue(cal, tr, { value: 15, unit: 'WORKING_DAYS' }).dueAt;
            h.act('CLOSE_UNSUPPLEMENTED', counter, later(limit, rng.between(0.2, 3) * WORKING_DAY_MS), {
              note: 'Quá 15 ngày làm việc, người nộp không bổ sung hồ sơ',
            });
          } else
            h.act('RESOLVE', assignee, later(tr, rng.between(10, 20) * WORKING_DAY_MS), {
              outcome: 'REFUSED',
              refusalReason: 'Người nộp không bổ sung hồ sơ theo yêu cầu',
              signerName: leader.name,
            });
          return;
        }
        const applicantSide: Actor = plan.channel === 'ONLINE' ? citizen : counter;
        const ts = later(tr, Math.min(14, Math.max(0.15, rng.logNormal(2.5, 0.7))) * WORKING_DAY_MS * speed);
        h.act('SUBMIT_SUPPLEMENT', applicantSide, ts, rng.chance(0.5) ? { note: 'Đã bổ sung theo yêu cầu' } : {});
        const ta = later(ts, rng.between(0.3, 5) * HOUR_MS * speed);
        h.act('ACCEPT_SUPPLEMENT', assignee, ta);
        dur = Math.max(5 * MINUTE_MS, dur - used);
        if (h.state.state === 'HANDED_OFF') {
          // RESTART: the clock starts again and the step is assigned anew
          const again = later(ta, rng.between(2, 20) * MINUTE_MS);
          h.act('ASSIGN', assignee, again, assign);
          tStart = later(again, rng.between(1, 20) * MINUTE_MS);
          h.act('START_STEP', assignee, tStart);
        } else tStart = ta;
      }
      if (i === endStep) {
        const tw = later(tStart, dur * rng.between(0.2, 0.7));
        if (plan.fate.end === 'WITHDRAWN') {
          h.act('REQUEST_WITHDRAWAL', plan.channel === 'ONLINE' ? citizen : counter, tw, {
            reason: 'Công dân xin rút hồ sơ để điều chỉnh nội dung',
            channel: plan.channel === 'ONLINE' ? 'ONLINE' : 'COUNTER',
          });
          h.act('STOP', leader, later(tw, rng.between(1, 12) * HOUR_MS), {
            reason: 'Dừng giải quyết theo đề nghị rút hồ sơ của người nộp',
            stopNoticeNumber: `${10 + rng.int(890)}/TB-UBND`,
          });
        } else
          h.act('STOP', leader, tw, {
            reason: 'Phát hiện giấy tờ trong hồ sơ có dấu hiệu giả mạo, chuyển cơ quan có thẩm quyền xử lý',
            legalGround: 'Giấy tờ giả mạo (chuyển cơ quan công an xử lý)',
            stopNoticeNumber: `${10 + rng.int(890)}/TB-UBND`,
          });
        return;
      }
      const end = later(tStart, dur);
      if (i < steps.length - 1) {
        h.act('HAND_OFF', assignee, end, rng.chance(0.3) ? { note: 'Đủ điều kiện, chuyển bước tiếp theo' } : {});
        by = assignee;
        t = end;
        continue;
      }
      const refused = plan.fate.end === 'REFUSED';
      h.act(
        'RESOLVE',
        assignee,
        end,
        refused
          ? {
              outcome: 'REFUSED',
              refusalReason: 'Hồ sơ không đủ điều kiện giải quyết theo quy định',
              signerName: leader.name,
              signingCapacity: 'Chủ tịch UBND',
            }
          : {
              outcome: 'APPROVED',
              resultNumber: `${1 + rng.int(2999)}/${resultSuffix(plan.proc.field)}`,
              signerName: leader.name,
              signingCapacity: rng.chance(0.7) ? 'Phó Chủ tịch UBND' : 'Chủ tịch UBND',
            },
      );
      deliver(end);
    }
  }

  function deliver(resolvedAt: number) {
    const proxy = rng.chance(0.08);
    const recipient = proxy
      ? {
          type: 'PROXY',
          name: personName(rng).name,
          authorisationRef: `Giấy ủy quyền số ${1 + rng.int(500)}/UQ`,
        }
      : { type: 'APPLICANT', name: person.name, ...(person.idNumber ? { idNumber: person.idNumber } : {}) };
    if (plan.channel === 'POSTAL') {
      h.act('DELIVER', counter, later(resolvedAt, rng.between(0.3, 1.5) * WORKING_DAY_MS), {
        method: 'POSTAL',
        recipient,
        waybillNumber: `EB${100000000 + rng.int(899999999)}VN`,
      });
    } else if (plan.channel === 'ONLINE' && rng.chance(0.55)) {
      h.act('DELIVER', counter, later(resolvedAt, rng.between(5, 120) * MINUTE_MS), {
        method: 'ONLINE',
        recipient,
        pushedToPersonalDataStore: rng.chance(0.6),
      });
    } else {
      const wait = Math.min(20, Math.max(0.02, rng.logNormal(0.7, 1.1))) * WORKING_DAY_MS;
      h.act('DELIVER', counter, later(resolvedAt, wait), { method: 'COUNTER', recipient });
    }
  }
}

/** The code of each received dossier: unit code, receipt date, the reserved number of the unit's daily counter. */
export function codeOf(unitCode: string, receiveAt: number, seq: number): string {
  const r = formatDossierCode(unitCode, localDateOf(receiveAt), seq);
  if (!r.ok) throw new Error(`Không tạo được mã hồ sơ (${r.code}) cho ${unitCode} ngày ${localDateOf(receiveAt)}.`);
  return r.code;
}

/** Builds a dossier, retrying with other timings until it is late exactly when its fate says so. */
export function buildDossier(
  plan: DossierPlan,
  rngFor: (attempt: number) => Rng,
  now: number,
  citizenAccount: { userId: string; name: string } | null,
): BuiltDossier {
  let speed = 1;
  let built: BuiltDossier | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    built = buildHistory(plan, rngFor(attempt), now, citizenAccount, speed);
    const late = built.state.index766.late;
    const ended = built.state.index766.onTime !== null;
    if (built.refusals.length > 0) break;
    // a supplement never completed ends with the closure after 15 working days: the index decides its class
    if (plan.fate.supplement === 'ABANDONED') return built;
    if (plan.fate.late ? late || !ended : !late) return built;
    speed = plan.fate.late ? speed * 1.5 : speed * 0.5;
  }
  built!.mismatch = built!.refusals.length === 0;
  return built!;
}
