-- Dossier attachments (spec one-stop-dossiers §5.2, §10, §14.1): components scanned at reception, supplements,
-- electronic results, postal receipts. The bytes live in a content-addressed file store (`storage_key`, see
-- src/attachments/storage.ts); the row records what was detected from the content (`media_type`) and its
-- SHA-256, never the client's filename or Content-Type. No delete endpoint: an attachment stays with its dossier.
CREATE TABLE dossier_attachment (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier(id),
  purpose text NOT NULL CHECK (purpose IN ('COMPONENT','SUPPLEMENT','RESULT','POSTAL_RECEIPT','OTHER')),
  -- index into the procedure version's papers list (procedure_version.documents), for components and supplements
  paper_index integer CHECK (paper_index >= 0),
  -- display name: NFC, no path parts or control characters (sanitised by the server)
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL CHECK (length(storage_key) BETWEEN 1 AND 1000),
  uploaded_by uuid NOT NULL REFERENCES app_user(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_attachment_dossier_idx ON dossier_attachment (dossier_id, uploaded_at);
