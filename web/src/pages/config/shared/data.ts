import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, type RequestOptions } from '../../../api/client';
import { useOus, useQueues, useUsers, type useNames } from '../../../api/directory';
import { queryKeys } from '../../../api/keys';
import type { Calendar, CaseType, Role } from '../../../api/types';

export const configKeys = {
  tenant: queryKeys.config('tenant'),
  permissions: queryKeys.config('permissions'),
  roles: queryKeys.config('roles'),
  caseTypes: queryKeys.config('case-types'),
  calendars: queryKeys.config('calendars'),
  slaRules: queryKeys.config('sla-rules'),
  templates: queryKeys.config('reminder-templates'),
  channels: queryKeys.config('notification-channels'),
  assignment: queryKeys.config('assignment-rule'),
  tokens: queryKeys.config('tokens'),
  outbox: queryKeys.config('notifications'),
};

/** The items of a configuration list (`{ items: [...] }`), e.g. /api/v1/sla-rules. */
export function useConfigList<T>(queryKey: QueryKey, path: string, query?: RequestOptions['query']) {
  return useQuery({
    queryKey,
    queryFn: async () => (await apiRequest<{ items: T[] }>(path, { query })).items,
  });
}

/** Every case type, disabled ones included (the pickers of other pages see only enabled ones). */
export function useAllCaseTypes() {
  return useConfigList<CaseType>(configKeys.caseTypes, '/api/v1/case-types', { includeDisabled: true });
}

export function useCalendars() {
  return useConfigList<Calendar>(configKeys.calendars, '/api/v1/calendars');
}

export function useRoles() {
  return useConfigList<Role>(configKeys.roles, '/api/v1/roles');
}

export interface Option {
  value: string;
  label: string;
}

function byLabel(a: Option, b: Option): number {
  return a.label.localeCompare(b.label);
}

/** Users for pickers: enabled ones, plus any already chosen (so a disabled member still shows). */
export function useUserOptions(keep: readonly string[] = []): Option[] {
  const users = useUsers().data;
  const keepKey = keep.join(',');
  return useMemo(() => {
    const kept = new Set(keepKey ? keepKey.split(',') : []);
    return (users ?? [])
      .filter((user) => !user.disabled || kept.has(user.id))
      .map((user) => ({ value: user.id, label: user.email ? `${user.name} (${user.email})` : user.name }))
      .sort(byLabel);
  }, [users, keepKey]);
}

/**
 * Users' names for a list cell, "None" when there are none (`names` from useNames: a user not
 * loaded yet is an unknown one).
 */
export function useUserNameList(names: ReturnType<typeof useNames>): (ids: readonly string[]) => string {
  const { t } = useTranslation();
  return (ids) => ids.map((id) => names.user(id) ?? t('common.unknownUser')).join(', ') || t('common.none');
}

export function useOuOptions(): Option[] {
  const ous = useOus().data;
  return useMemo(() => (ous ?? []).map((ou) => ({ value: ou.id, label: ou.name })).sort(byLabel), [ous]);
}

export function useQueueOptions(): Option[] {
  const queues = useQueues().data;
  return useMemo(
    () => (queues ?? []).map((queue) => ({ value: queue.id, label: queue.name })).sort(byLabel),
    [queues],
  );
}

export function useCaseTypeOptions(): Option[] {
  const types = useAllCaseTypes().data;
  return useMemo(
    () => (types ?? []).map((type) => ({ value: type.id, label: type.name })).sort(byLabel),
    [types],
  );
}

/** The IANA time zones the browser knows, for the time-zone pickers. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Berlin', 'Europe/London', 'Asia/Shanghai', 'America/New_York'];
  }
}

/** A select's choices including the current value, in case the browser does not list it. */
export function withValue(zones: readonly string[], value: string | null | undefined): string[] {
  if (!value || zones.includes(value)) return [...zones];
  return [value, ...zones];
}

/** Text trimmed; an empty one is undefined (so optional fields are left out of the body). */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
