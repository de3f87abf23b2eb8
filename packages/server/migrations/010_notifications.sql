-- Notifications (spec one-stop-dossiers §15) through a transactional outbox: each row is written in the
-- transaction of the action that causes it (a rolled-back action leaves no row) and delivered afterwards by
-- a worker (packages/server/src/notifications/worker.ts) with retries. IN_APP rows are the users' inbox: they
-- are written as SENT and read through GET /api/v1/me/notifications.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- checked at commit: the caller may queue before or after writing the dossier in the same transaction
  dossier_id uuid REFERENCES dossier(id) DEFERRABLE INITIALLY DEFERRED,
  -- the dossier action that caused it (no FK: the action row may be appended later in the transaction)
  action_id uuid,
  -- a NotificationTopic of the domain, or DAILY_DIGEST
  topic text NOT NULL CHECK (topic ~ '^[A-Z_]{1,40}$'),
  channel text NOT NULL CHECK (channel IN ('EMAIL','SMS','ZALO','IN_APP')),
  -- e-mail address, phone number (digits, optional leading +) or, for IN_APP, the user id
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
  recipient_name text,
  recipient_user_id uuid REFERENCES app_user(id),
  subject text NOT NULL,
  body text NOT NULL,
  -- template id and version, e.g. RECEIVED@1; the merge fields it was rendered with (for gateways that fill
  -- their own registered templates, such as Zalo ZNS)
  template text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- (action id, topic, channel, recipient), or (digest, user, date): queuing the same message twice is a no-op
  dedupe_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED','SKIPPED')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- when PENDING: due time; while a worker holds the row it is the end of the worker's lease, so a row whose
  -- worker died becomes due again by itself
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_by text,
  claim_token uuid,
  claimed_at timestamptz,
  last_error text,
  provider_message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  read_at timestamptz,
  CHECK (read_at IS NULL OR channel = 'IN_APP'),
  CHECK (status <> 'SENT' OR sent_at IS NOT NULL)
);
-- The worker's query: due PENDING rows by time (status, next_attempt_at), kept small by the partial predicate.
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_outbox_dossier_idx ON notification_outbox (dossier_id, created_at) WHERE dossier_id IS NOT NULL;
-- A user's inbox, newest first.
CREATE INDEX notification_outbox_inbox_idx ON notification_outbox (recipient_user_id, created_at DESC, id DESC)
  WHERE channel = 'IN_APP';
