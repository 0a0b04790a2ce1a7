import type { Session } from '../../../auth/session';
import { configurationAccess } from '../../../layout/permissions';

/** Who may see a configuration page (UI.md "Frame"); the server checks again on every call. */
export type ConfigAccess = 'tenantAdmin' | 'users' | 'config';

export const CONFIG_PAGE_KEYS = [
  'tenant',
  'users',
  'ous',
  'roles',
  'queues',
  'caseTypes',
  'calendars',
  'slaRules',
  'templates',
  'channels',
  'assignment',
  'tokens',
  'outbox',
] as const;
export type ConfigPageKey = (typeof CONFIG_PAGE_KEYS)[number];

export interface ConfigPageInfo {
  key: ConfigPageKey;
  /** The path under /config. */
  path: string;
  access: ConfigAccess;
}

export const CONFIG_PAGES: readonly ConfigPageInfo[] = [
  { key: 'tenant', path: 'tenant', access: 'tenantAdmin' },
  { key: 'users', path: 'users', access: 'users' },
  { key: 'ous', path: 'ous', access: 'users' },
  { key: 'roles', path: 'roles', access: 'tenantAdmin' },
  { key: 'queues', path: 'queues', access: 'config' },
  { key: 'caseTypes', path: 'case-types', access: 'config' },
  { key: 'calendars', path: 'calendars', access: 'config' },
  { key: 'slaRules', path: 'sla-rules', access: 'config' },
  { key: 'templates', path: 'templates', access: 'config' },
  { key: 'channels', path: 'channels', access: 'config' },
  { key: 'assignment', path: 'assignment', access: 'config' },
  { key: 'tokens', path: 'tokens', access: 'config' },
  { key: 'outbox', path: 'outbox', access: 'config' },
];

export function allowedPages(session: Session): ConfigPageInfo[] {
  const access = configurationAccess(session);
  return CONFIG_PAGES.filter((page) => access[page.access]);
}
