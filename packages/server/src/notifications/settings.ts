/**
 * Which channels each topic uses (spec one-stop-dossiers §15), as a table, and the public address the
 * messages link to. The table can be changed per deployment with NOTIFY_CHANNELS, e.g.
 * `RECEIVED=EMAIL+SMS;DELIVERED=EMAIL;STOPPED=` (listed topics replace their row, an empty list turns a topic
 * off). The settings are process-wide: the app sets them from its config when it starts.
 */
import type { Config } from '../platform/config';
import type { TemplateTopic } from './templates';

export const outboxChannels = ['EMAIL', 'SMS', 'ZALO', 'IN_APP'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];
export type TopicChannels = Record<TemplateTopic, readonly OutboxChannel[]>;

/**
 * Defaults from the spec's table. IN_APP reaches a citizen account (online submissions) or an officer.
 * A channel is used only when the recipient has the address for it: e-mail, a phone (SMS, Zalo), an account.
 */
export const DEFAULT_TOPIC_CHANNELS: TopicChannels = {
  SUBMITTED: ['EMAIL', 'IN_APP'],
  RECEIVED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  GUIDED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  REFUSED_AT_RECEPTION: ['EMAIL', 'SMS', 'IN_APP'],
  SUPPLEMENT_REQUESTED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  SUPPLEMENT_ACCEPTED: ['EMAIL', 'IN_APP'],
  PAYMENT_REQUESTED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  RESCHEDULED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  RESULT_READY: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  DELIVERED: ['EMAIL', 'SMS', 'ZALO', 'IN_APP'],
  STOPPED: ['EMAIL', 'SMS', 'IN_APP'],
  STEP_ASSIGNED: ['IN_APP', 'EMAIL'],
  DAILY_DIGEST: ['EMAIL'],
};

/** Parses NOTIFY_CHANNELS over the defaults; an unknown topic or channel is a startup error. */
export function parseTopicChannels(spec: string | undefined, base: TopicChannels = DEFAULT_TOPIC_CHANNELS) {
  const table: TopicChannels = { ...base };
  if (!spec?.trim()) return table;
  for (const part of spec.split(/[;,]/)) {
    if (!part.trim()) continue;
    const [topic, list = ''] = part.split('=').map((x) => x.trim());
    if (!topic || !(topic in base)) throw new Error(`NOTIFY_CHANNELS: unknown topic "${topic}"`);
    const channels = list
      .split(/[+|\s]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    for (const c of channels)
      if (!(outboxChannels as readonly string[]).includes(c))
        throw new Error(`NOTIFY_CHANNELS: unknown channel "${c}" for ${topic} (EMAIL, SMS, ZALO, IN_APP)`);
    table[topic as TemplateTopic] = [...new Set(channels)] as OutboxChannel[];
  }
  return table;
}

export interface NotificationSettings {
  /** Base of the links in messages (no trailing slash). */
  publicBase: string;
  channels: TopicChannels;
}

export function publicBaseOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  return base.replace(/\/+$/, '');
}

let current: NotificationSettings = { publicBase: 'http://127.0.0.1:3000', channels: DEFAULT_TOPIC_CHANNELS };

export function configureNotifications(
  config: Pick<Config, 'publicUrl' | 'host' | 'port'> & { notifyChannels?: string | undefined },
): NotificationSettings {
  current = { publicBase: publicBaseOf(config), channels: parseTopicChannels(config.notifyChannels) };
  return current;
}

export const notificationSettings = (): NotificationSettings => current;
