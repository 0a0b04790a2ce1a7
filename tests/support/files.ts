import { deflateSync } from 'node:zlib';

/**
 * Small but real files of every type an attachment may have, each built to an exact size (the
 * limits of SPEC §13 are tested at the byte), plus impostors and a multipart body builder.
 */

export const MIB = 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG and ZIP use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u16le(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u16be(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function assertSize(kind: string, file: Buffer, size: number): Buffer {
  if (file.length !== size) throw new Error(`${kind}: built ${file.length} bytes instead of ${size}`);
  return file;
}

/** Splits `total` bytes into pieces of `min`..`max` bytes (for container formats with segment limits). */
function pieces(total: number, min: number, max: number): number[] {
  const result: number[] = [];
  let left = total;
  while (left > 0) {
    let take = Math.min(left, max);
    if (left - take > 0 && left - take < min) take -= min;
    result.push(take);
    left -= take;
  }
  if (result.some((p) => p < min)) throw new Error(`cannot split ${total} into pieces of ${min}..${max}`);
  return result;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typeAndData, u32be(crc32(typeAndData))]);
}

/** A 1×1 RGB PNG (IHDR, a tEXt comment that pads it to `size`, IDAT, IEND). */
export function png(size = 200): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = pngChunk('IHDR', Buffer.concat([u32be(1), u32be(1), Buffer.from([8, 2, 0, 0, 0])]));
  const idat = pngChunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0x80, 0x00])));
  const iend = pngChunk('IEND', Buffer.alloc(0));
  const keyword = Buffer.from('Comment\0', 'latin1');
  const fixed = signature.length + ihdr.length + idat.length + iend.length + 12 + keyword.length;
  if (size < fixed) throw new Error(`a PNG needs at least ${fixed} bytes`);
  const text = pngChunk('tEXt', Buffer.concat([keyword, Buffer.alloc(size - fixed, 'x')]));
  return assertSize('png', Buffer.concat([signature, ihdr, text, idat, iend]), size);
}

/** A JPEG/JFIF stream: SOI, APP0, comment segments padding it to `size`, EOI. */
export function jpeg(size = 200): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.concat([
    Buffer.from([0xff, 0xe0]),
    u16be(16),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
  ]);
  const eoi = Buffer.from([0xff, 0xd9]);
  const padding = size - soi.length - app0.length - eoi.length;
  const segments = pieces(padding, 4, 65537).map((total) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), u16be(total - 2), Buffer.alloc(total - 4, 0x20)]),
  );
  return assertSize('jpeg', Buffer.concat([soi, app0, ...segments, eoi]), size);
}

/** A 1×1 GIF89a with a comment extension padding it to `size`. */
export function gif(size = 200): Buffer {
  const header = Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    u16le(1),
    u16le(1),
    Buffer.from([0x80, 0, 0]),
    Buffer.from([0, 0, 0, 0xff, 0xff, 0xff]),
  ]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]);
  const trailer = Buffer.from([0x3b]);
  const commentOverhead = 3; // 0x21 0xFE ... 0x00
  const padding = size - header.length - image.length - trailer.length - commentOverhead;
  const blocks = pieces(padding, 2, 256).map((total) =>
    Buffer.concat([Buffer.from([total - 1]), Buffer.alloc(total - 1, 0x61)]),
  );
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe]), ...blocks, Buffer.from([0])]);
  return assertSize('gif', Buffer.concat([header, comment, image, trailer]), size);
}

/** A one-page PDF 1.4 (catalog, pages, page, xref, trailer) with comment lines padding it to `size`. */
export function pdf(size = 400): Buffer {
  const build = (padding: number): Buffer => {
    const lines: string[] = [];
    let left = padding;
    while (left > 0) {
      const take = Math.min(left, 72);
      lines.push(take === 1 ? '\n' : `%${'x'.repeat(take - 2)}\n`);
      left -= take;
    }
    const head = `%PDF-1.4\n${lines.join('')}`;
    const objects = [
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
      '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\nendobj\n',
    ];
    let offset = Buffer.byteLength(head);
    const offsets: number[] = [];
    for (const object of objects) {
      offsets.push(offset);
      offset += Buffer.byteLength(object);
    }
    const xref =
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
      offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
      `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${String(offset).padStart(10, '0')}\n%%EOF\n`;
    return Buffer.from(head + objects.join('') + xref, 'latin1');
  };
  const base = build(0).length;
  if (size < base) throw new Error(`a PDF needs at least ${base} bytes`);
  return assertSize('pdf', build(size - base), size);
}

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A ZIP archive of stored (uncompressed) entries: local headers, central directory, end record. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const common = Buffer.concat([
      u16le(20), // version needed
      u16le(0), // flags
      u16le(0), // stored
      u16le(0), // time
      u16le(0x21), // date: 1980-01-01
      u32le(crc),
      u32le(entry.data.length),
      u32le(entry.data.length),
      u16le(name.length),
      u16le(0), // extra
    ]);
    const local = Buffer.concat([u32le(0x04034b50), common, name, entry.data]);
    centrals.push(
      Buffer.concat([
        u32le(0x02014b50),
        u16le(20), // version made by
        common,
        u16le(0), // comment
        u16le(0), // disk
        u16le(0), // internal attributes
        u32le(0), // external attributes
        u32le(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32le(0x06054b50),
    u16le(0),
    u16le(0),
    u16le(entries.length),
    u16le(entries.length),
    u32le(central.length),
    u32le(offset),
    u16le(0),
  ]);
  return Buffer.concat([...locals, central, end]);
}

/** A minimal Word document (OOXML): content types, package relationships, the main part (padded). */
export function docx(size = 1500): Buffer {
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '</Relationships>';
  const build = (padding: number) =>
    zip([
      { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
      { name: '_rels/.rels', data: Buffer.from(rels) },
      {
        name: 'word/document.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
            '<w:body><w:p><w:r><w:t>Casedesk</w:t></w:r></w:p></w:body></w:document>' +
            ' '.repeat(padding),
        ),
      },
    ]);
  const base = build(0).length;
  if (size < base) throw new Error(`a DOCX needs at least ${base} bytes`);
  return assertSize('docx', build(size - base), size);
}

/** A legacy Word file as far as recognition goes: an OLE2 compound-file header, then empty sectors. */
export function doc(size = 1536): Buffer {
  if (size < 512) throw new Error('an OLE2 file has a 512-byte header');
  const file = Buffer.alloc(size);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24); // minor version
  file.writeUInt16LE(0x0003, 26); // major version 3 (512-byte sectors)
  file.writeUInt16LE(0xfffe, 28); // byte order
  file.writeUInt16LE(9, 30); // sector shift
  file.writeUInt16LE(6, 32); // mini sector shift
  return file;
}

/** An HTML page with a script, to be passed off as an image. */
export function html(): Buffer {
  return Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n');
}

/** The start of a 64-bit Linux executable. */
export function elf(size = 256): Buffer {
  const file = Buffer.alloc(size);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(file, 0);
  file.writeUInt16LE(2, 16); // ET_EXEC
  file.writeUInt16LE(0x3e, 18); // x86-64
  return file;
}

/** The start of a Windows executable (MZ header pointing at a PE header). */
export function exe(size = 256): Buffer {
  const file = Buffer.alloc(size);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  return file;
}

export interface MultipartPart {
  field: string;
  /** Given: a file part; absent: a plain field (unless typed application/octet-stream). */
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
  boundary: string;
}

/**
 * A `multipart/form-data` body. File names go into the header as raw UTF-8, as browsers send them;
 * a `"` is sent as the quoted pair `\"`, which the parser reads back as `"`.
 */
export function multipartBody(parts: MultipartPart[]): MultipartBody {
  const boundary = `----casedesk${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      `form-data; name="${part.field}"` +
      (part.filename !== undefined ? `; filename="${part.filename.replace(/"/g, '\\"')}"` : '');
    const head =
      `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
      (part.filename !== undefined || part.contentType !== undefined
        ? `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`
        : '') +
      '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

/** The usual upload: one file in the field `file`. */
export function fileUpload(filename: string, content: Buffer, contentType?: string): MultipartBody {
  return multipartBody([{ field: 'file', filename, content, ...(contentType ? { contentType } : {}) }]);
}
