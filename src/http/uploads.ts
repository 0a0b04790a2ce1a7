import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ATTACHMENT_LIMITS } from '../../contract/details.js';
import { tooLarge } from '../domain/attachments/commands/add-attachment.js';
import { invalidField } from '../domain/shared/errors.js';

/** The multipart field an upload arrives in (API.md). */
export const UPLOAD_FIELD = 'file';

/** One file as it arrives: the name the client gave and its bytes, not yet read. */
export interface ReceivedUpload {
  filename: string;
  stream: Readable;
}

/**
 * Limits of the multipart parser, registered once in `app.ts`. One file; its size limit is one byte
 * more than an attachment may have, so that an oversized file is seen as such (413) rather than
 * silently cut at the limit. Form fields are not used by uploads, so they get just enough room to
 * be tolerated.
 */
export const MULTIPART_LIMITS = {
  files: 1,
  fileSize: ATTACHMENT_LIMITS.maxBytes + 1,
  fields: 5,
  fieldNameSize: 100,
  fieldSize: 1024,
  parts: 10,
  headerPairs: 50,
} as const;

/**
 * 400 when the request is not `multipart/form-data`. Looks only at the headers, so a route can call
 * it in its 400 step (SPEC §13 puts 400 before 403 and 409), before it reads any of the body.
 */
export function assertMultipart(request: FastifyRequest): void {
  if (!request.isMultipart())
    throw invalidField(UPLOAD_FIELD, `Send the file as multipart/form-data in the field "${UPLOAD_FIELD}".`);
}

/**
 * The file's bytes as they arrive, with every way of failing part-way turned into one refusal: the
 * client went away, the body ended inside the file, the parser gave up. The consumer therefore
 * either reads a complete file or gets an error — never a silently shortened one. A file cut at the
 * parser's size limit is reported as too large.
 */
async function* guarded(part: MultipartFile): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) yield chunk;
  } catch {
    throw invalidField(UPLOAD_FIELD, 'The upload was cut off before the file was complete.');
  }
  if (part.file.truncated) throw tooLarge();
}

/**
 * Receives the one file of an upload request: call it after the route has authorised the request
 * (SPEC §13: "Uploads are authorised before their body is read"); it reads the multipart body up to
 * the file's headers and hands back its name and a stream of its bytes. 400 `validation_failed` on
 * field `file` when the request is not multipart, cannot be parsed, or carries no file in `file`.
 * Shared by every route that takes attachments (cases, tasks, internal records).
 */
export async function receiveUpload(request: FastifyRequest): Promise<ReceivedUpload> {
  assertMultipart(request);
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch {
    throw invalidField(UPLOAD_FIELD, 'The multipart body could not be read.');
  }
  if (!part) throw invalidField(UPLOAD_FIELD, `No file was sent in the field "${UPLOAD_FIELD}".`);
  if (part.fieldname !== UPLOAD_FIELD) {
    // Not read: destroying it stops the parser instead of pulling the rest of the body in.
    part.file.destroy();
    throw invalidField(
      UPLOAD_FIELD,
      `The file must be sent in the field "${UPLOAD_FIELD}", not "${part.fieldname}".`,
    );
  }
  // A part typed application/octet-stream counts as a file even without a name; it has none then.
  const filename = typeof part.filename === 'string' ? part.filename : '';
  return { filename, stream: Readable.from(guarded(part), { objectMode: false }) };
}
