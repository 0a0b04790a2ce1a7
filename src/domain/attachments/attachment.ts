import type { AttachmentOwnerKind } from '../../db/schema.js';

/** What an attachment belongs to: a case, a task of a case, or an internal record of a case. */
export interface AttachmentOwner {
  tenantId: string;
  kind: AttachmentOwnerKind;
  id: string;
  /** The case the owner belongs to (the case itself for kind 'case'). */
  caseId: string;
}

export interface Attachment {
  tenantId: string;
  id: string;
  owner: AttachmentOwner;
  name: string;
  size: number;
  contentType: string;
  storage: 'fs' | 'db';
  storageKey: string;
  uploaderId: string;
  createdAt: string;
}
