/** Facts decide() reports next to the new state: the outbox (sync, notifications, documents) reads them. */
import type { DossierActionType, DossierStateName, NationalStatusCode } from './types.js';

export type NotificationTopic =
  | 'SUBMITTED'
  | 'GUIDED'
  | 'REFUSED_AT_RECEPTION'
  | 'RECEIVED'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUPPLEMENT_ACCEPTED'
  | 'PAYMENT_REQUESTED'
  | 'RESCHEDULED'
  | 'RESULT_READY'
  | 'DELIVERED'
  | 'STOPPED'
  | 'STEP_ASSIGNED';

/** Form identifiers; the 2018 and 2025 sets are separate templates (spec §13). */
export type FormId =
  | 'RECEIPT_SLIP'
  | 'SUPPLEMENT_REQUEST_SLIP'
  | 'RECEPTION_REFUSAL_SLIP'
  | 'APOLOGY_LETTER'
  | 'STOP_NOTICE'
  | 'PROCESS_CONTROL_SHEET_ROW';

export type DossierEvent =
  | {
      type: 'TRANSITION';
      actionId: string;
      actionType: DossierActionType;
      rowId: string;
      from: DossierStateName;
      to: DossierStateName;
      statusCode: NationalStatusCode | null;
      /** A new national status to sync (status timeline entry). */
      statusChanged: boolean;
      at: number;
      actorId: string;
      unitId: string;
    }
  | { type: 'DUE_CHANGED'; actionType: DossierActionType; from: number | null; to: number; at: number }
  | { type: 'NOTIFY'; topic: NotificationTopic; at: number }
  | { type: 'DOCUMENT'; form: FormId; formSet: '2018' | '2025'; at: number };
