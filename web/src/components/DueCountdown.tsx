import { Badge, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { formatDateTime, formatDuration } from '../i18n/format';

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** One shared clock for every countdown on the page, so a list of 100 rows sets one timer. */
function useNow(): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const listener = () => setValue(now);
    listeners.add(listener);
    timer ??= setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return Math.max(value, Date.now() - TICK_MS);
}

/**
 * The due time as a chip: neutral while far off, amber within the warning window, red and
 * "overdue by …" once past (UI.md). Stopped cases (closed, cancelled) show the plain time.
 */
export function DueCountdown({
  dueAt,
  warnWithinMs = 2 * 3_600_000,
  running = true,
}: {
  dueAt: string | null;
  warnWithinMs?: number;
  running?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const current = useNow();
  if (!dueAt) return <span aria-label={t('common.none')}>{t('common.none')}</span>;
  const remaining = new Date(dueAt).getTime() - current;
  const full = formatDateTime(dueAt, session.locale, session.timeZone);
  if (!running) return <span>{full}</span>;
  const overdue = remaining < 0;
  const color = overdue ? 'red.9' : remaining <= warnWithinMs ? 'yellow.4' : 'gray';
  const text = overdue
    ? t('common.overdueBy', { time: formatDuration(remaining, t) })
    : t('common.dueIn', { time: formatDuration(remaining, t) });
  return (
    <Tooltip label={full}>
      <Badge
        color={color}
        variant={overdue ? 'filled' : 'light'}
        autoContrast
        data-overdue={overdue || undefined}
      >
        {text}
      </Badge>
    </Tooltip>
  );
}
