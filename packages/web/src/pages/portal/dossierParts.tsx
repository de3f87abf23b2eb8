// Pieces shared by the citizen's pages (online submission, "Hồ sơ của tôi") and public tracking: the status
// with its national code, the appointment (original and rescheduled), the public timeline, the step
// timeliness tags and the sign-in prompt.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Alert, Card, Table } from 'antd';
import { CheckCircleOutlined, LoginOutlined } from '@ant-design/icons';
import type { DossierActionType, NationalStatusCode, Timeliness } from '../../api/publicDossiers';
import { useT } from '../../i18n';
import { vnDateTime, vnDueAt } from '../../vnTime';
import './citizen.css';

const tone = (code: number) =>
  code === 9 || code === 10 ? 'ok' : code === 3 || code === 8 ? 'bad' : code >= 5 && code <= 7 ? 'warn' : 'info';

/** The national status (1–10) as a tag, with its code in words. */
export function StatusTag({ code, testId }: { code: NationalStatusCode | number; testId?: string }) {
  const t = useT();
  const key = `citizen.status.${code}` as const;
  return (
    <span className="status-line" data-testid={testId}>
      <span className={`status-tag status-${tone(code)}`} data-status-code={code}>
        {t(key as 'citizen.status.1')}
      </span>{' '}
      <span className="status-code">({t('citizen.statusCode', { code })})</span>
    </span>
  );
}

export function TimelinessTag({ value }: { value: Timeliness | null }) {
  const t = useT();
  const cls = value === 'OVERDUE' ? 'status-bad' : value ? 'status-ok' : 'status-info';
  return <span className={`status-tag ${cls}`}>{t(`citizen.timeliness.${value ?? 'IN_PROGRESS'}`)}</span>;
}

/** The appointment in force, and both dates when it was rescheduled after an apology. */
export function Appointment({
  current,
  original,
  rescheduled,
}: {
  current: string | null;
  original: string | null;
  rescheduled: string | null;
}) {
  const t = useT();
  if (!current && !original) return <span>{t('citizen.appointmentNone')}</span>;
  if (!rescheduled) return <strong data-testid="appointment">{vnDueAt(current ?? original)}</strong>;
  return (
    <div>
      <div>
        <strong data-testid="appointment">{vnDueAt(rescheduled)}</strong>
      </div>
      <div data-testid="appointment-original">
        {t('citizen.appointmentOriginal')}: <s>{vnDueAt(original)}</s> → {t('citizen.appointmentRescheduled')}:{' '}
        {vnDueAt(rescheduled)}
      </div>
      <div className="muted">{t('citizen.rescheduledNote')}</div>
    </div>
  );
}

export interface TimelineEvent {
  type: DossierActionType | 'UNKNOWN' | null;
  statusCode: number;
  at: string | number;
}

/** National status changes, oldest first. */
export function PublicTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  if (events.length === 0) return <p>{t('citizen.timelineEmpty')}</p>;
  return (
    <ol className="citizen-timeline" data-testid="timeline">
      {events.map((e, i) => (
        <li key={i} className={`tone-${tone(e.statusCode)}`}>
          <time className="citizen-timeline-at">{vnDateTime(e.at)}</time>
          <div>
            <StatusTag code={e.statusCode} />
            {e.type && <div className="citizen-timeline-type">{t(`citizen.action.${e.type}`)}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}

export interface StepRow {
  name: string | null;
  endedAt: string | number | null;
  timeliness: Timeliness | null;
}

export function StepsTable({ steps }: { steps: StepRow[] }) {
  const t = useT();
  return (
    <Table<StepRow & { key: number }>
      size="small"
      pagination={false}
      data-testid="steps"
      dataSource={steps.map((s, i) => ({ ...s, key: i }))}
      columns={[
        {
          title: t('citizen.stepName'),
          dataIndex: 'name',
          render: (name: string | null, _r, i) => name ?? t('citizen.stepUnnamed', { n: i + 1 }),
        },
        {
          title: t('citizen.stepEnded'),
          dataIndex: 'endedAt',
          width: 190,
          render: (v: string | number | null) => (v === null ? t('common.none') : vnDateTime(v)),
        },
        {
          title: t('citizen.stepTimeliness'),
          dataIndex: 'timeliness',
          width: 170,
          render: (v: Timeliness | null, r) =>
            r.endedAt !== null && !v ? t('common.none') : <TimelinessTag value={v} />,
        },
      ]}
    />
  );
}

export function SupplementItems({ items, children }: { items: string[]; children?: ReactNode }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      className="portal-section"
      data-testid="supplement-items"
      title={t('citizen.supplementItems')}
      description={
        <>
          <ul style={{ margin: '4px 0' }}>
            {items.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
          {children}
        </>
      }
    />
  );
}

/** The result is ready (resolved) or already delivered. */
export function ResultReadyNote({ delivered }: { delivered: boolean }) {
  const t = useT();
  return (
    <p className="result-note" data-testid="result-ready-note">
      <CheckCircleOutlined aria-hidden /> {delivered ? t('citizen.resultDelivered') : t('citizen.resultReadyCollect')}
    </p>
  );
}

/** For pages that need a signed-in citizen: a link to the login page that comes back here afterwards. */
export function SignInPrompt({ text }: { text: string }) {
  const t = useT();
  const location = useLocation();
  return (
    <Card className="portal-section" data-testid="sign-in-prompt">
      <h2 style={{ fontSize: 18, marginTop: 0 }}>{t('citizen.signInTitle')}</h2>
      <p>{text}</p>
      <Link to="/dang-nhap" state={{ from: `${location.pathname}${location.search}` }} className="btn-link primary">
        <LoginOutlined aria-hidden /> {t('citizen.signIn')}
      </Link>
    </Card>
  );
}

/** A card section with an h2 title (the portal's convention). */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="portal-section" title={<h2 className="section-title">{title}</h2>} data-testid={testId}>
      {children}
    </Card>
  );
}

const units = ['B', 'kB', 'MB', 'GB'];
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${units[u]}`;
}
