import {
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  PauseCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { activeStates } from '@motcua/domain/dossier/statusCodes';
import type { ClockState, DossierStateName, NationalStatusCode } from '../../api/dossiers';
import { formatNumber } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { stateLabel } from './labels';
import './dossiers.css';

/** Working hours at or below which a dossier is "due soon" (orange). */
export const SOON_HOURS = 8;

export type TimeLeftLevel = 'overdue' | 'soon' | 'ok';

export function timeLeftLevel(hours: number): TimeLeftLevel {
  if (hours < 0) return 'overdue';
  if (hours <= SOON_HOURS) return 'soon';
  return 'ok';
}

const inProgress = new Set<string>(activeStates);

/**
 * Time left in working hours: colour and icon, and always the words (not colour alone). The server's clock says
 * when the figure stands still: a stopped clock of a dossier still in progress (a supplement that restarts the
 * period) gives none, a paused or excluded one (a supplement, fees outside the time limit) the figure when the wait
 * began; both say so, because the appointment moves when the clock runs again.
 */
export function TimeLeftTag({
  hours,
  state,
  clock,
}: {
  hours: number | null;
  state?: DossierStateName;
  clock?: ClockState;
}) {
  const t = useT();
  if (hours === null && clock === 'STOPPED' && state && inProgress.has(state))
    return (
      <span className="ds-muted" data-level="paused">
        <PauseCircleOutlined aria-hidden /> {t(`ds.clock.${clock}`)}
      </span>
    );
  if (hours === null) return <span className="ds-muted">{t('ds.timeLeft.none')}</span>;
  const level = timeLeftLevel(hours);
  const value = formatNumber(Math.abs(hours));
  if (clock === 'PAUSED' || clock === 'EXCLUDED')
    return (
      <span className="ds-muted" data-level="paused">
        <PauseCircleOutlined aria-hidden />{' '}
        {t('ds.timeLeft.standing', {
          clock: t(`ds.clock.${clock}`),
          left: t(`ds.timeLeft.${level}`, { hours: value }),
        })}
      </span>
    );
  const icon =
    level === 'overdue' ? (
      <ExclamationCircleOutlined aria-hidden />
    ) : level === 'soon' ? (
      <WarningOutlined aria-hidden />
    ) : (
      <ClockCircleOutlined aria-hidden />
    );
  return (
    <span className={`ds-time ds-time-${level}`} data-level={level}>
      {icon} {t(`ds.timeLeft.${level}`, { hours: value })}
    </span>
  );
}

/** The lifecycle state and the national status code (1–10) with its name. */
export function StatusTag({
  state,
  statusCode,
  withCode = true,
}: {
  state: DossierStateName;
  statusCode: NationalStatusCode | null;
  withCode?: boolean;
}) {
  const t = useT();
  return (
    <span className="ds-status">
      <span className={`ds-state ds-state-${state}`}>{t(stateLabel(state))}</span>
      {withCode && statusCode !== null && (
        <span className="ds-status-code">
          {t('ds.statusCode', { code: statusCode, name: t(`ds.status.${statusCode}` as MessageKey) })}
        </span>
      )}
    </span>
  );
}
