// The workbench's state lives in the URL query (bookmarkable, shareable). The names and the
// comma-separated values are the API's own (GET /api/v1/cases), except the date filters, which the URL
// may also give as plain days ("createdFrom=2026-12-01"), read in the user's time zone.
import { CASE_LIMITS, CASE_STATES, ORIGINS, PRIORITIES, SORTS, VIEWS } from '../../../../contract/constants';
import type { CaseSort, CaseView } from '../../api/types';
import { DATE_ONLY, nextDay, wallToEpoch, wallToIso } from './time';

export const LIST_FILTERS = [
  'q',
  'state',
  'status',
  'typeId',
  'priority',
  'origin',
  'ownerId',
  'queueId',
  'customerId',
  'overdue',
  'dueWithinHours',
  'upgraded',
  'reopened',
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
] as const;
export type FilterKey = (typeof LIST_FILTERS)[number];

/** The filters edited in the "More filters" drawer (the rest are in the bar). */
export const DRAWER_FILTERS: readonly FilterKey[] = [
  'status',
  'origin',
  'ownerId',
  'queueId',
  'customerId',
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
];

export const DEFAULT_SORT: CaseSort = '-createdAt';
export const DEFAULT_DUE_SOON_HOURS = 24;
export const PAGE_SIZE = 25;

type Params = URLSearchParams;

export function readView(params: Params, canQueryAll: boolean): CaseView {
  const view = params.get('view');
  const known = VIEWS.find((v) => v === view);
  if (!known || (known === 'all' && !canQueryAll)) return 'todo';
  return known;
}

export function readSort(params: Params): CaseSort {
  const sort = params.get('sort');
  return SORTS.find((s) => s === sort) ?? DEFAULT_SORT;
}

/** The comma-separated values of a filter. */
export function readList(params: Params, key: FilterKey): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function oneOf<T extends string>(values: readonly T[], allowed: readonly T[]): T[] {
  return values.filter((value): value is T => (allowed as readonly string[]).includes(value));
}

function isoBound(value: string, end: boolean, timeZone: string): string | null {
  if (DATE_ONLY.test(value)) {
    if (!end) return wallToIso(value, timeZone);
    const next = wallToEpoch(nextDay(value), timeZone);
    return next === null ? null : new Date(next - 1).toISOString();
  }
  if (/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value)) {
    const epoch = Date.parse(value);
    return Number.isNaN(epoch) ? null : new Date(epoch).toISOString();
  }
  return wallToIso(value, timeZone);
}

/** The valid value of one filter as the API takes it, or null when absent or malformed. */
function apiValue(params: Params, key: FilterKey, timeZone: string): string | null {
  const raw = (params.get(key) ?? '').trim();
  if (!raw) return null;
  switch (key) {
    case 'q':
      return raw.length >= CASE_LIMITS.searchMin ? raw.slice(0, CASE_LIMITS.searchMax) : null;
    case 'state':
      return oneOf(readList(params, key), CASE_STATES).join(',') || null;
    case 'priority':
      return oneOf(readList(params, key), PRIORITIES).join(',') || null;
    case 'origin':
      return oneOf(readList(params, key), ORIGINS).join(',') || null;
    case 'status':
      return (
        readList(params, key)
          .filter((s) => s.length <= 32)
          .slice(0, 20)
          .join(',') || null
      );
    case 'typeId':
    case 'ownerId':
    case 'queueId':
    case 'customerId':
      return (
        readList(params, key)
          .filter((s) => s.length <= 64)
          .slice(0, 50)
          .join(',') || null
      );
    case 'overdue':
    case 'upgraded':
    case 'reopened':
      return raw === 'true' || raw === 'false' ? raw : null;
    case 'dueWithinHours': {
      const hours = Number(raw);
      return Number.isFinite(hours) && hours > 0 && hours <= 24 * 365 ? String(hours) : null;
    }
    case 'createdFrom':
    case 'dueFrom':
      return isoBound(raw, false, timeZone);
    case 'createdTo':
    case 'dueTo':
      return isoBound(raw, true, timeZone);
  }
}

/** The filters in effect (ignoring malformed ones), without the search words. */
export function activeFilters(params: Params, timeZone: string): FilterKey[] {
  return LIST_FILTERS.filter((key) => key !== 'q' && apiValue(params, key, timeZone) !== null);
}

/** The query of GET /api/v1/cases for the URL's state (without the cursor). */
export function listQuery(
  params: Params,
  view: CaseView,
  sort: CaseSort,
  timeZone: string,
): Record<string, string | number> {
  const query: Record<string, string | number> = { view, sort, limit: PAGE_SIZE };
  for (const key of LIST_FILTERS) {
    const value = apiValue(params, key, timeZone);
    if (value !== null) query[key] = value;
  }
  return query;
}
