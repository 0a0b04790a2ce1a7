import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config/config.js';
import type { Executor, Tx } from '../../db/connection.js';

/**
 * Where attachment content lives (CASEDESK_ATTACHMENT_STORE). Both stores follow the same steps so
 * the upload command needs no branches:
 * - `stage` runs before the database transaction (the file store writes the file there, so no
 *   transaction is held open during disk I/O);
 * - `save` runs inside it (the database store writes the bytes there, so they commit or roll back
 *   with the row);
 * - `discard` undoes `stage` when the transaction failed;
 * - `remove` runs inside the removal transaction, `removeAfterCommit` after it.
 */
export interface AttachmentStore {
  readonly kind: 'fs' | 'db';
  stage(tenantId: string, storageKey: string, bytes: Buffer): Promise<void>;
  save(trx: Tx, tenantId: string, storageKey: string, bytes: Buffer): Promise<void>;
  discard(tenantId: string, storageKey: string): Promise<void>;
  remove(trx: Tx, tenantId: string, storageKey: string): Promise<void>;
  removeAfterCommit(tenantId: string, storageKey: string): Promise<void>;
  /** The content, or null when it is missing (which would be a bug or a damaged data folder). */
  read(db: Executor, tenantId: string, storageKey: string): Promise<Buffer | Readable | null>;
}

/** A fresh storage key: random, never derived from anything the client sent. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

// Tenant ids and storage keys are made by us; refusing anything else keeps a path from ever
// leaving the attachments folder, whatever a future caller passes.
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

function safeSegment(value: string): string {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`Unsafe attachment path segment ${JSON.stringify(value)}`);
  return value;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** Files under `<dataDir>/attachments/<tenantId>/<storageKey>`. */
export function fileStore(dataDir: string): AttachmentStore {
  const folderOf = (tenantId: string) => join(dataDir, 'attachments', safeSegment(tenantId));
  const pathOf = (tenantId: string, storageKey: string) => join(folderOf(tenantId), safeSegment(storageKey));
  return {
    kind: 'fs',
    async stage(tenantId, storageKey, bytes) {
      const folder = folderOf(tenantId);
      await mkdir(folder, { recursive: true });
      // Written under a temporary name in the same folder and renamed into place, so a reader (or a
      // backup) never sees half a file, and a crash leaves only a temporary file behind.
      const temporary = join(folder, `.${safeSegment(storageKey)}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        const handle = await open(temporary, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, pathOf(tenantId, storageKey));
      } catch (error) {
        await unlinkIfPresent(temporary);
        throw error;
      }
    },
    save: () => Promise.resolve(),
    discard: (tenantId, storageKey) => unlinkIfPresent(pathOf(tenantId, storageKey)),
    remove: () => Promise.resolve(),
    removeAfterCommit: (tenantId, storageKey) => unlinkIfPresent(pathOf(tenantId, storageKey)),
    async read(_db, tenantId, storageKey) {
      try {
        // Opened before the response starts, so a missing file is an error reply, not a cut download.
        const handle = await open(pathOf(tenantId, storageKey), 'r');
        return handle.createReadStream();
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

/** Bytes in `attachment_contents`, written in the transaction that adds the attachment. */
export const databaseStore: AttachmentStore = {
  kind: 'db',
  stage: () => Promise.resolve(),
  async save(trx, tenantId, storageKey, bytes) {
    await trx
      .insertInto('attachment_contents')
      .values({ tenant_id: tenantId, storage_key: storageKey, content: bytes })
      .execute();
  },
  // Nothing was written outside the transaction, and its rollback took the bytes with it.
  discard: () => Promise.resolve(),
  async remove(trx, tenantId, storageKey) {
    await trx
      .deleteFrom('attachment_contents')
      .where('tenant_id', '=', tenantId)
      .where('storage_key', '=', storageKey)
      .execute();
  },
  removeAfterCommit: () => Promise.resolve(),
  async read(db, tenantId, storageKey) {
    const row = await db
      .selectFrom('attachment_contents')
      .select('content')
      .where('tenant_id', '=', tenantId)
      .where('storage_key', '=', storageKey)
      .executeTakeFirst();
    if (!row) return null;
    return Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content);
  },
};

/**
 * The store of a given kind. New uploads go to the configured store; an existing attachment is
 * always read from the store it was written to (its `storage` column), so switching the setting
 * does not lose older files.
 */
export function attachmentStore(config: Pick<Config, 'dataDir'>, kind: 'fs' | 'db'): AttachmentStore {
  return kind === 'fs' ? fileStore(config.dataDir) : databaseStore;
}
