/**
 * A change to a case, announced after its transaction commits, for live updates. Carries the former
 * owner and queue so that those who just lost sight of the case can be told (`case.removed`).
 */
export interface CaseChange {
  tenantId: string;
  caseId: string;
  version: number;
  kind: 'created' | 'updated';
  formerOwnerId?: string | null;
  formerQueueId?: string | null;
}

export interface CaseChangeBus {
  publish(change: CaseChange): void;
  subscribe(listener: (change: CaseChange) => void): () => void;
  close(): Promise<void>;
}
