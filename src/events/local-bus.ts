import { EventEmitter } from 'node:events';
import type { CaseChange, CaseChangeBus } from '../domain/cases/case-events.js';

/** Case changes within one process (SQLite deployments, and the local half of the PostgreSQL bus). */
export class LocalCaseChangeBus implements CaseChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open event stream subscribes; there may be many.
    this.emitter.setMaxListeners(0);
  }

  publish(change: CaseChange): void {
    this.emitter.emit('change', change);
  }

  deliverLocally(change: CaseChange): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: CaseChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
