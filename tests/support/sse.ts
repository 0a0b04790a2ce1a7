import type { Session } from './app.js';

export interface SseEvent {
  event: string;
  data: { caseId: string; version: number };
}

/** A live connection to GET /api/v1/events on a listening server, collecting what arrives. */
export class EventStreamClient {
  readonly events: SseEvent[] = [];
  private readonly controller = new AbortController();
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor() {}

  static async connect(baseUrl: string, session: Session): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const headers: Record<string, string> = session.bearer
      ? { authorization: `Bearer ${session.bearer}` }
      : { cookie: `casedesk_session=${session.cookie ?? ''}` };
    const response = await fetch(`${baseUrl}/api/v1/events`, { headers, signal: client.controller.signal });
    if (response.status !== 200 || !response.body)
      throw new Error(`event stream refused: ${response.status}`);
    const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    // The first chunk (the "connected" comment) tells us the subscription is in place.
    const first = await reader.read();
    client.feed(decoder.decode(first.value ?? new Uint8Array()));
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          client.feed(decoder.decode(value));
        }
      } catch {
        // aborted
      }
    })();
    return client;
  }

  private feed(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) this.events.push({ event, data: JSON.parse(data) as SseEvent['data'] });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits until an event matching `predicate` has arrived; fails after `limitMs` (a bound, not a measurement). */
  async waitFor(predicate: (e: SseEvent) => boolean, limitMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}
