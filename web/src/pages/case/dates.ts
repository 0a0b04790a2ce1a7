// Due times are picked as a wall-clock time in the user's time zone (not the browser's) and sent as
// UTC ISO strings; Mantine's pickers speak "YYYY-MM-DD HH:mm:ss" strings.
import '@mantine/dates/styles.css';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** A UTC instant as the picker's wall-clock string in the zone. */
export function toPickerValue(iso: string | null | undefined, zone: string): string | null {
  if (!iso) return null;
  return dayjs(iso).tz(zone).format(PICKER_FORMAT);
}

/** The picker's wall-clock string, read in the zone, as a UTC ISO string. */
export function fromPickerValue(value: string | null | undefined, zone: string): string | null {
  if (!value) return null;
  const parsed = dayjs.tz(value, PICKER_FORMAT, zone);
  return parsed.isValid() ? parsed.toISOString() : null;
}

/** "Now" in the zone, as the earliest value a due-time picker offers. */
export function nowInZone(zone: string): string {
  return dayjs().tz(zone).format(PICKER_FORMAT);
}
