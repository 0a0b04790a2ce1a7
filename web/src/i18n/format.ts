import type { TFunction } from 'i18next';

/** Dates and times in the user's locale and time zone, through Intl (UI.md "Chinese"). */
export function formatDateTime(iso: string | null | undefined, locale: string, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: string, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A duration in its two largest units ("2 d 4 h", "35 min"), for countdowns. */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('common.lessThanMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0)
    return hours > 0
      ? `${t('common.durationDays', { count: days })} ${t('common.durationHours', { count: hours })}`
      : t('common.durationDays', { count: days });
  if (hours > 0)
    return rest > 0
      ? `${t('common.durationHours', { count: hours })} ${t('common.durationMinutes', { count: rest })}`
      : t('common.durationHours', { count: hours });
  return t('common.durationMinutes', { count: rest });
}
