import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Date pickers in the UI language, weeks starting on Monday (ISO, as the calendars count days). */
export function LocalDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

/** The name of an ISO weekday (Monday = 1) in a locale. */
export function weekdayName(day: number, locale: string, width: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}
