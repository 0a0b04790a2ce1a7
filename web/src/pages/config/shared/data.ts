import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from '../../../api/client';
import { useOus, useQueues, useUsers } from '../../../api/directory';
import { queryKeys } from '../../../api/keys';
import type { Calendar, CaseType } from '../../../api/types';

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

/** Every case type, disabled ones included (the pickers of other pages see only enabled ones). */
export function useAllCaseTypes() {
  return useQuery({
    queryKey: configKeys.caseTypes,
    queryFn: async () =>
      (await apiRequest<{ items: CaseType[] }>('/api/v1/case-types', { query: { includeDisabled: true } }))
        .items,
  });
}

export function useCalendars() {
  return useQuery({
    queryKey: configKeys.calendars,
    queryFn: async () => (await apiRequest<{ items: Calendar[] }>('/api/v1/calendars')).items,
  });
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
