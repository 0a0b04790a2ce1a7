/** Timestamps are stored as ISO-8601 UTC text on both databases, so they sort and compare as strings. */
export function toIso(date: Date): string {
  return date.toISOString();
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
