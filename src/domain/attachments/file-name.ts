import { ATTACHMENT_LIMITS } from '../../../contract/details.js';

/** The name an upload without a usable name is stored under (SPEC §13: a name is never empty). */
export const FALLBACK_FILE_NAME = 'attachment';

// Longest tail kept as "the extension" when a long name is cut; anything longer is just a name.
const MAX_EXTENSION_CHARS = 16;

/**
 * C0 and C1 control characters, plus the invisible bidirectional controls: a right-to-left override
 * can make `invoice\u202Efdp.exe` display as `invoiceexe.pdf`, so they are removed like the other
 * characters nobody types into a file name.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The stored name of an upload (SPEC §13): the base name only (whatever precedes the last `/` or `\`
 * is dropped, so `../../etc/passwd` is `passwd`), control characters removed, trimmed, at most 200
 * characters with the extension kept, and never empty. Characters are counted as code points, so a
 * cut never splits one.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  let name = base.replace(UNWANTED_CHARACTERS, '').trim();
  // A name made only of dots would name a directory (`.`, `..`) where someone saves it.
  if (/^[.\s]*$/.test(name)) name = FALLBACK_FILE_NAME;
  const chars = Array.from(name);
  if (chars.length <= ATTACHMENT_LIMITS.nameMax) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const extensionChars = Array.from(extension);
  if (extension === '' || extensionChars.length > MAX_EXTENSION_CHARS) {
    return chars.slice(0, ATTACHMENT_LIMITS.nameMax).join('').trimEnd();
  }
  const stem = Array.from(name.slice(0, dot))
    .slice(0, ATTACHMENT_LIMITS.nameMax - extensionChars.length)
    .join('')
    .trimEnd();
  return `${stem}${extension}`;
}

/** The lower-cased extension of a name (`Scan.JPEG` → `jpeg`), or null when it has none. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}
