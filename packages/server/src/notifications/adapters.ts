/**
 * Delivery adapters. Every channel has one contract: `send(message)` resolves with the provider's message id
 * or throws a DeliveryError that says whether trying again may help. E-mail goes over SMTP (nodemailer) when
 * SMTP_URL is set; SMS and Zalo OA have logging adapters only, since the national gateways (SMS brandname,
 * Zalo ZNS) need contracts and credentials a deployment brings. A logging adapter writes the message to the
 * log and reports it as sent.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

export type DeliveryChannel = 'EMAIL' | 'SMS' | 'ZALO';

export interface OutgoingMessage {
  /** The outbox row id: stable across retries (used as the e-mail Message-ID). */
  id: string;
  topic: string;
  /** Template id and version, e.g. RECEIVED@1. */
  template: string;
  /** E-mail address or phone number. */
  to: string;
  toName: string | null;
  subject: string;
  /** Plain text; for SMS and Zalo the short form of the template. */
  body: string;
  /** Merge fields the text was rendered with (for gateways that fill registered templates). */
  fields: Record<string, string>;
}

export interface DeliveryResult {
  providerMessageId: string;
}

export interface NotificationAdapter {
  readonly channel: DeliveryChannel;
  /** For logs and the outbox row, e.g. smtp, log. */
  readonly name: string;
  send(message: OutgoingMessage): Promise<DeliveryResult>;
  close?(): Promise<void>;
}

export interface EmailAdapter extends NotificationAdapter {
  readonly channel: 'EMAIL';
}
export interface SmsAdapter extends NotificationAdapter {
  readonly channel: 'SMS';
}
export interface ZaloAdapter extends NotificationAdapter {
  readonly channel: 'ZALO';
}

export interface Adapters {
  EMAIL: EmailAdapter;
  SMS: SmsAdapter;
  ZALO: ZaloAdapter;
}

/** A failed delivery. `retryable` false: the same message will never go through (bad address, 5xx). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

export const retryableError = (message: string, cause?: unknown) => new DeliveryError(message, true, { cause });
export const permanentError = (message: string, cause?: unknown) => new DeliveryError(message, false, { cause });

/** Anything an adapter throws, as a DeliveryError; unknown errors are retryable (the attempt limit bounds them). */
export function asDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  return retryableError(e instanceof Error ? e.message : String(e), e);
}

/** The subset of a pino logger the notifications use (pino and Fastify's logger both fit). */
export interface NotifyLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

function loggingAdapter<C extends DeliveryChannel>(channel: C, logger: NotifyLogger) {
  return {
    channel,
    name: 'log',
    async send(m: OutgoingMessage): Promise<DeliveryResult> {
      const providerMessageId = `log-${randomUUID()}`;
      logger.info(
        {
          notification: {
            id: m.id,
            channel,
            topic: m.topic,
            to: m.to,
            toName: m.toName,
            subject: m.subject,
            body: m.body,
            providerMessageId,
          },
        },
        `notification (${channel.toLowerCase()}, logging adapter): ${m.subject}`,
      );
      return { providerMessageId };
    },
  };
}

export const loggingEmailAdapter = (logger: NotifyLogger): EmailAdapter => loggingAdapter('EMAIL', logger);
export const loggingSmsAdapter = (logger: NotifyLogger): SmsAdapter => loggingAdapter('SMS', logger);
export const loggingZaloAdapter = (logger: NotifyLogger): ZaloAdapter => loggingAdapter('ZALO', logger);

/** Configuration and session errors: the operator fixes them, so the message is tried again later. */
const retryableSmtpCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONFIG',
  'EPROXY',
  'EMAXLIMIT',
  'EPROTOCOL',
]);

/** SMTP failure → DeliveryError: 5xx replies and refused envelopes are permanent, the rest retryable. */
export function classifySmtpError(e: unknown): DeliveryError {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = err.response ?? err.message ?? String(e);
  if (err.code && retryableSmtpCodes.has(err.code)) return retryableError(`${err.code}: ${text}`, e);
  if (typeof err.responseCode === 'number') {
    if (err.responseCode >= 500 && err.responseCode < 600) return permanentError(`${err.responseCode}: ${text}`, e);
    if (err.responseCode >= 400) return retryableError(`${err.responseCode}: ${text}`, e);
  }
  if (err.code === 'EENVELOPE') return permanentError(`${err.code}: ${text}`, e);
  return retryableError(err.code ? `${err.code}: ${text}` : text, e);
}

export interface SmtpOptions {
  /** smtp://user:pass@host:587, smtps://host:465 (nodemailer's connection URL). */
  url: string;
  /** From header, e.g. "Bộ phận Một cửa <no-reply@motcua.local>". */
  from: string;
  /** Socket timeouts (ms); they must stay well under the worker's lease. Default 20 s. */
  timeoutMs?: number;
}

/** E-mail over SMTP, one connection per message (no pool to go stale between polls). */
export function smtpEmailAdapter(options: SmtpOptions): EmailAdapter {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'motcua.local';
  return {
    channel: 'EMAIL',
    name: 'smtp',
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: m.toName ? { name: m.toName, address: m.to } : m.to,
          subject: m.subject,
          text: m.body,
          messageId: `<${m.id}@${domain}>`,
          headers: { 'X-Motcua-Notification': m.id, 'X-Motcua-Topic': m.topic, 'Auto-Submitted': 'auto-generated' },
        });
        if (info.rejected.length > 0)
          throw permanentError(`recipient refused: ${info.rejected.map(String).join(', ')}`);
        return { providerMessageId: info.messageId };
      } catch (e) {
        throw e instanceof DeliveryError ? e : classifySmtpError(e);
      }
    },
    async close() {
      transport.close();
    },
  };
}

export interface AdapterSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
}

/** SMTP when configured, logging adapters otherwise; `overrides` replace single channels (tests, gateways). */
export function adaptersFor(settings: AdapterSettings, logger: NotifyLogger, overrides: Partial<Adapters> = {}) {
  const adapters: Adapters = {
    EMAIL:
      overrides.EMAIL ??
      (settings.smtpUrl
        ? smtpEmailAdapter({ url: settings.smtpUrl, from: settings.mailFrom })
        : loggingEmailAdapter(logger)),
    SMS: overrides.SMS ?? loggingSmsAdapter(logger),
    ZALO: overrides.ZALO ?? loggingZaloAdapter(logger),
  };
  return adapters;
}
