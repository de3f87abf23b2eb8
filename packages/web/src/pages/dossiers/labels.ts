import type { DossierActionType, DossierStateName } from '../../api/dossiers';
import type { Dossier } from '../../api/dossiers';
import type { Role } from '../../api/types';
import type { MessageKey } from '../../i18n';

/** Display order of the action buttons: the usual next steps first, exceptional ones last. */
export const ACTION_ORDER: DossierActionType[] = [
  'RECEIVE',
  'GUIDE_TO_COMPLETE',
  'REFUSE_RECEPTION',
  'GUIDE_TO_OTHER_BODY',
  'ASSIGN',
  'START_STEP',
  'HAND_OFF',
  'SEND_BACK',
  'RESOLVE',
  'DELIVER',
  'REQUEST_SUPPLEMENT',
  'SUBMIT_SUPPLEMENT',
  'ACCEPT_SUPPLEMENT',
  'REJECT_SUPPLEMENT',
  'CLOSE_UNSUPPLEMENTED',
  'REQUEST_PAYMENT',
  'CONFIRM_PAYMENT',
  'SEND_TO_COORDINATING_BODY',
  'RECEIVE_COORDINATION_RESULT',
  'APOLOGIZE_AND_RESCHEDULE',
  'TRANSFER',
  'RECORD_DIGITIZATION',
  'SUBMIT',
  'CANCEL',
  'REQUEST_WITHDRAWAL',
  'STOP',
];

export const DANGER_ACTIONS = new Set<DossierActionType>([
  'REFUSE_RECEPTION',
  'REJECT_SUPPLEMENT',
  'CLOSE_UNSUPPLEMENTED',
  'CANCEL',
  'STOP',
]);

export const actionLabel = (type: DossierActionType): MessageKey => `ds.action.${type}`;
export const stateLabel = (state: DossierStateName): MessageKey => `ds.state.${state}`;

/** The open step (assigned, not ended) of the dossier, if any. */
export function openStep(d: Pick<Dossier, 'record'>) {
  const steps = d.record.steps ?? [];
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.endedAt === null) return steps[i]!;
  return undefined;
}

/** The action most likely wanted now, shown as the primary button. */
export function primaryAction(d: Dossier, userId: string | undefined, hasRole: (...r: Role[]) => boolean) {
  const allowed = new Set(d.allowedActions);
  const mine = openStep(d)?.assigneeUserId === userId;
  const pick = (...types: DossierActionType[]) => types.find((x) => allowed.has(x));
  switch (d.state) {
    case 'SUBMITTED':
      return pick('RECEIVE');
    case 'RECEIVED':
    case 'HANDED_OFF':
    case 'SENT_BACK':
      return pick('ASSIGN');
    case 'ASSIGNED':
      return mine ? pick('START_STEP') : pick('ASSIGN');
    case 'IN_STEP':
      return hasRole('UNIT_LEADER') && mine ? pick('RESOLVE', 'HAND_OFF') : pick('HAND_OFF');
    case 'RESOLVED':
      return pick('DELIVER');
    case 'SUPPLEMENT_SUBMITTED':
      return pick('ACCEPT_SUPPLEMENT');
    case 'AWAITING_SUPPLEMENT':
      return pick('SUBMIT_SUPPLEMENT');
    case 'AWAITING_PAYMENT':
      return pick('CONFIRM_PAYMENT');
    case 'COORDINATING':
      return pick('RECEIVE_COORDINATION_RESULT');
    case 'WITHDRAWAL_REQUESTED':
      return pick('STOP');
    default:
      return undefined;
  }
}

/** Lines of a textarea → trimmed, NFC, non-empty. */
export const lines = (s: string | undefined | null): string[] =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim().normalize('NFC'))
    .filter(Boolean);

/** Trimmed NFC text, or undefined when empty (optional payload fields are left out). */
export const opt = (s: string | undefined | null): string | undefined => {
  const v = (s ?? '').trim();
  return v ? v.normalize('NFC') : undefined;
};
