import { Table, Timeline, Typography } from 'antd';
import type { Duration } from '@motcua/domain/calendar/index';
import { roles } from '@motcua/domain/access/roles';
import type { Dossier, StepRecord, TimelineItem } from '../../api/dossiers';
import { formatNumber } from '../../format';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { actionLabel } from './labels';
import { vnDate, vnDateTime, vnDueAt } from '../../vnTime';

const ROLES = new Set<string>(roles);
export const roleName = (t: Translate, r: string) => (ROLES.has(r) ? t(`role.${r}` as MessageKey) : r);

/** Who acted, as the timeline shows it: a citizen's view has no officers' names, only their roles. */
export const actorLabel = (t: Translate, name: string | null, role: string) =>
  name ? `${name} (${roleName(t, role)})` : role === 'CITIZEN' ? t('ds.tl.someone') : roleName(t, role);

export function durationText(d: Duration | null | undefined, t: Translate): string {
  if (!d) return '';
  const key = {
    WORKING_DAYS: 'ds.dur.WORKING_DAYS',
    WORKING_HOURS: 'ds.dur.WORKING_HOURS',
    CALENDAR_DAYS: 'ds.dur.CALENDAR_DAYS',
    SAME_DAY: 'ds.dur.SAME_DAY',
  }[d.unit] as MessageKey;
  return d.unit === 'SAME_DAY' ? t(key) : `${formatNumber(d.value)} ${t(key)}`;
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per step, with its timeliness. */
export function ControlSheet({ dossier, names }: { dossier: Dossier; names: Map<string, string> }) {
  const t = useT();
  const steps = dossier.record.steps ?? [];
  return (
    <Table<StepRecord & { n: number }>
      rowKey={(s) => `${s.n}`}
      size="small"
      pagination={false}
      dataSource={steps.map((s, i) => ({ ...s, n: i + 1 }))}
      locale={{ emptyText: t('ds.sheet.empty') }}
      caption={<span className="visually-hidden">{t('ds.sheet.title')}</span>}
      scroll={{ x: 1000 }}
      columns={[
        { title: t('ds.sheet.n'), dataIndex: 'n', width: 50, align: 'right' },
        { title: t('ds.sheet.step'), key: 'step', render: (_, s) => s.name ?? s.stepId },
        {
          title: t('ds.sheet.assignee'),
          key: 'assignee',
          render: (_, s) => names.get(s.assigneeUserId) ?? t('ds.sheet.unknownUser'),
        },
        { title: t('ds.sheet.assignedAt'), key: 'assigned', render: (_, s) => vnDateTime(s.assignedAt) },
        { title: t('ds.sheet.takenAt'), key: 'taken', render: (_, s) => vnDateTime(s.takenAt) || t('common.none') },
        { title: t('ds.sheet.endedAt'), key: 'ended', render: (_, s) => vnDateTime(s.endedAt) || t('common.none') },
        {
          title: t('ds.sheet.budget'),
          key: 'budget',
          render: (_, s) => durationText(s.budget, t) || t('common.none'),
        },
        { title: t('ds.sheet.dueAt'), key: 'due', render: (_, s) => vnDueAt(s.stepDueAt) || t('common.none') },
        {
          title: t('ds.sheet.timeliness'),
          key: 'timeliness',
          render: (_, s) =>
            s.timeliness ? (
              <span className={`ds-time ds-time-${s.timeliness === 'OVERDUE' ? 'overdue' : 'ok'}`}>
                {t(`ds.timeliness.${s.timeliness}`)}
              </span>
            ) : s.endedAt === null ? (
              <span>{t('ds.sheet.inProgress')}</span>
            ) : (
              <span>{s.endReason ? t(`ds.endReason.${s.endReason}`) : t('common.none')}</span>
            ),
        },
      ]}
    />
  );
}

type P = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What an action said, in a line or two (notes, reasons, items, the assignee, the result). */
export function payloadSummary(e: TimelineItem, t: Translate, names: Map<string, string>): string {
  const p = (e.payload && typeof e.payload === 'object' ? e.payload : {}) as P;
  const out: string[] = [];
  switch (e.type) {
    case 'RECEIVE':
      if (str(p.dossierCode)) out.push(t('ds.tl.code', { code: String(p.dossierCode) }));
      break;
    case 'ASSIGN': {
      const who = str(p.assigneeUserId) ? (names.get(String(p.assigneeUserId)) ?? '') : '';
      out.push(
        t('ds.tl.assign', { step: str(p.stepName) ?? str(p.stepId) ?? '', who: who || t('ds.sheet.unknownUser') }),
      );
      break;
    }
    case 'REQUEST_SUPPLEMENT':
    case 'GUIDE_TO_COMPLETE':
      out.push(...list(p.items).map((i) => `• ${i}`));
      break;
    case 'REFUSE_RECEPTION':
      out.push(...list(p.reasons).map((i) => `• ${i}`));
      break;
    case 'RESOLVE':
      out.push(t(`ds.outcome.${p.outcome === 'REFUSED' ? 'REFUSED' : 'APPROVED'}`));
      if (str(p.resultNumber)) out.push(t('ds.tl.resultNumber', { n: String(p.resultNumber) }));
      if (str(p.signerName)) out.push(t('ds.tl.signer', { name: String(p.signerName) }));
      if (str(p.refusalReason)) out.push(String(p.refusalReason));
      break;
    case 'DELIVER': {
      const r = (p.recipient ?? {}) as P;
      const m = str(p.method) as 'COUNTER' | 'POSTAL' | 'ONLINE' | undefined;
      out.push(`${m ? t(`ds.delivery.${m}`) : ''}${str(r.name) ? ` — ${String(r.name)}` : ''}`);
      break;
    }
    case 'APOLOGIZE_AND_RESCHEDULE':
      if (str(p.newDueDate)) out.push(t('ds.tl.newDue', { date: vnDate(`${String(p.newDueDate)}T12:00:00+07:00`) }));
      else if (p.newDueAt) out.push(t('ds.tl.newDue', { date: vnDueAt(p.newDueAt as string | number) }));
      break;
    case 'REQUEST_PAYMENT': {
      const lines = Array.isArray(p.feeLines) ? (p.feeLines as { name?: string; amount?: number }[]) : [];
      for (const l of lines) out.push(`• ${l.name ?? ''}: ${formatNumber(l.amount ?? 0)} đ`);
      break;
    }
    case 'STOP':
      if (str(p.legalGround)) out.push(t('ds.tl.legalGround', { ground: String(p.legalGround) }));
      break;
  }
  for (const k of ['reason', 'note', 'result']) if (str(p[k])) out.push(String(p[k]));
  return out.join('\n');
}

/** The action log, oldest first. */
export function ActionTimeline({ dossier, names }: { dossier: Dossier; names: Map<string, string> }) {
  const t = useT();
  if (dossier.timeline.length === 0) return <Typography.Text type="secondary">{t('ds.tl.empty')}</Typography.Text>;
  return (
    <Timeline
      items={dossier.timeline.map((e) => {
        const summary = payloadSummary(e, t, names);
        return {
          key: e.seq,
          content: (
            <div>
              <div>
                <strong>{t(actionLabel(e.type))}</strong> · {vnDateTime(e.at)}
              </div>
              <div className="ds-muted" style={{ fontSize: 13 }}>
                {actorLabel(t, e.actorName, e.actorRole)}
              </div>
              {summary && <div className="ds-timeline-payload">{summary}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

/** The papers as received: provided or not. */
export function PapersTable({ dossier }: { dossier: Dossier }) {
  const t = useT();
  return (
    <Table
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={dossier.papers}
      locale={{ emptyText: t('ds.papers.none') }}
      caption={<span className="visually-hidden">{t('ds.papers.title')}</span>}
      columns={[
        { title: t('ds.sheet.n'), key: 'n', width: 50, align: 'right', render: (_, p) => formatNumber(p.index + 1) },
        {
          title: t('ds.papers.name'),
          dataIndex: 'name',
          render: (name: string) => (
            <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible' }}>
              {name}
            </Typography.Paragraph>
          ),
        },
        {
          title: t('ds.papers.kind'),
          dataIndex: 'kind',
          width: 150,
          render: (k: string | null) => (k ? t(`ca.docKind.${k}` as MessageKey) : ''),
        },
        {
          title: t('ds.papers.provided'),
          dataIndex: 'provided',
          width: 110,
          render: (v: boolean) => (v ? t('ds.papers.yes') : t('ds.papers.no')),
        },
      ]}
    />
  );
}
