import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../shared/errors.js';
import { extensionOf } from './file-name.js';

/**
 * What file-type may report for an allowed upload, the content type we store and serve for it, and
 * the name extensions that agree with it. A legacy Word file is an OLE2 compound file, which
 * file-type reports as `cfb` whatever it holds (doc, xls, msi, ...), so `cfb` is accepted only under
 * a `.doc` name.
 */
const ALLOWED: Record<string, { contentType: string; extensions: readonly string[] }> = {
  jpg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  gif: { contentType: 'image/gif', extensions: ['gif'] },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  cfb: { contentType: 'application/msword', extensions: ['doc'] },
};

function notAllowed(detail: string): AppError {
  return new AppError('attachment_type_not_allowed', detail);
}

/**
 * The content type of an upload, recognised from its bytes (SPEC §6: "recognised from the file's
 * content, not only its name"). Refused with 415 `attachment_type_not_allowed`: an empty file,
 * content nothing recognises (text, HTML, scripts), a recognised type outside the list (executables,
 * archives), and an allowed type under a name whose extension says otherwise (a PDF named `.png`).
 */
export async function sniffContentType(bytes: Uint8Array, name: string): Promise<string> {
  if (bytes.length === 0) throw notAllowed('The file is empty.');
  const detected = await fileTypeFromBuffer(bytes);
  const allowed = detected ? ALLOWED[detected.ext] : undefined;
  if (!detected || !allowed) {
    throw notAllowed('Only JPG, JPEG, PNG, GIF, PDF, DOC and DOCX files may be attached.');
  }
  const extension = extensionOf(name);
  if (extension === null || !allowed.extensions.includes(extension)) {
    throw notAllowed(
      `The file's content is ${detected.ext === 'cfb' ? 'a compound document' : detected.ext.toUpperCase()}, which does not agree with its name "${name}".`,
    );
  }
  return allowed.contentType;
}
