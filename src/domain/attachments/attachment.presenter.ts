import type { z } from 'zod';
import type { attachmentSchema } from '../../../contract/details.js';
import type { Attachment } from './attachment.js';

export type AttachmentJson = z.infer<typeof attachmentSchema>;

/** An attachment as the API shows it; where its content is stored stays the server's business. */
export function presentAttachment(a: Attachment): AttachmentJson {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    uploaderId: a.uploaderId,
    createdAt: a.createdAt,
  };
}
