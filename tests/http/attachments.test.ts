import type { LightMyRequestResponse } from 'fastify';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../contract/details.js';
import { addAttachment } from '../../src/domain/attachments/commands/add-attachment.js';
import { cleanFileName } from '../../src/domain/attachments/file-name.js';
import type { Actor } from '../../src/domain/context.js';
import { newId } from '../../src/lib/ids.js';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type Session,
  type TenantFixture,
  type TestApp,
  type UserFixture,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  putCaseInState,
} from '../support/cases.js';
import {
  doc,
  docx,
  elf,
  exe,
  fileUpload,
  gif,
  html,
  jpeg,
  MIB,
  multipartBody,
  pdf,
  png,
  type MultipartBody,
} from '../support/files.js';

/**
 * Attachments (SPEC §6, §12, §13): at most 5 files and 5 MiB per case (and per task, and per
 * internal record), only JPG/JPEG/PNG/GIF/PDF/DOC/DOCX recognised from the content and agreeing with
 * the name, refused whole with nothing stored; downloads only as attachments. Run with both stores;
 * after every refusal the rows, the budgets and the stored content (files on disk or content rows)
 * are counted exactly.
 */

const MAX = ATTACHMENT_LIMITS.maxBytes;
const PROCESS = ['New', 'Working', 'Done'];

function authHeaders(session?: Session): Record<string, string> {
  if (!session) return {};
  if (session.bearer) return { authorization: `Bearer ${session.bearer}` };
  return {
    ...(session.cookie ? { cookie: `casedesk_session=${session.cookie}` } : {}),
    ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
  };
}

interface AttachmentJson {
  id: string;
  name: string;
  size: number;
  contentType: string;
  uploaderId: string;
  createdAt: string;
}

interface TrackJson {
  items: { kind: string; actorId: string | null; body?: string }[];
}

describe.each(['fs', 'db'] as const)('attachments in the %s store', (store) => {
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    // A data folder of its own, so that the files of this app can be counted exactly.
    dataDir = mkdtempSync(join(tmpdir(), `casedesk-attachments-${store}-`));
    t = await startTestApp({ env: { CASEDESK_ATTACHMENT_STORE: store, CASEDESK_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface Fixture {
    tenant: TenantFixture;
    typeId: string;
    customerId: string;
    /** Owns (and created) the cases. */
    owner: UserFixture;
    /** Sees every case through `case.queryAll`, owns none. */
    viewer: UserFixture;
    /** Another `case.queryAll` holder. */
    otherViewer: UserFixture;
    /** No role: sees no case of others. */
    stranger: UserFixture;
    caseId: string;
  }

  async function setup(): Promise<Fixture> {
    const tenant = await createTenantFixture(t);
    const { id: typeId } = await createCaseTypeFixture(t, tenant, { process: PROCESS });
    const customerId = await createCustomerFixture(t, tenant);
    const queryAll = await createRoleFixture(t, tenant, ['case.queryAll']);
    const [owner, viewer, otherViewer, stranger] = await Promise.all([
      createUserFixture(t, tenant, { name: 'Owner' }),
      createUserFixture(t, tenant, { name: 'Viewer', roleIds: [queryAll] }),
      createUserFixture(t, tenant, { name: 'Other viewer', roleIds: [queryAll] }),
      createUserFixture(t, tenant, { name: 'Stranger' }),
    ]);
    const c = await createCaseFixture(t, owner.session, { typeId, customerId });
    return { tenant, typeId, customerId, owner, viewer, otherViewer, stranger, caseId: c.id };
  }

  async function newCase(fx: Fixture): Promise<string> {
    return (await createCaseFixture(t, fx.owner.session, { typeId: fx.typeId, customerId: fx.customerId }))
      .id;
  }

  function post(
    url: string,
    session: Session | undefined,
    body: MultipartBody | Buffer,
    contentType?: string,
  ) {
    const payload = Buffer.isBuffer(body) ? body : body.body;
    return t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        ...authHeaders(session),
        'content-type':
          contentType ?? (Buffer.isBuffer(body) ? 'application/octet-stream' : body.contentType),
      },
    });
  }

  function upload(session: Session | undefined, caseId: string, filename: string, content: Buffer) {
    return post(`/api/v1/cases/${caseId}/attachments`, session, fileUpload(filename, content));
  }

  async function uploaded(session: Session, caseId: string, filename: string, content: Buffer) {
    const response = await upload(session, caseId, filename, content);
    if (response.statusCode !== 201)
      throw new Error(`upload of ${filename} failed: ${response.statusCode} ${response.body}`);
    return response.json<AttachmentJson>();
  }

  function filesOf(tenantId: string): string[] {
    const folder = join(dataDir, 'attachments', tenantId);
    return existsSync(folder) ? readdirSync(folder) : [];
  }

  /** Everything stored for the tenant: rows, budgets, and content (files or content rows). */
  async function stored(tenantId: string) {
    const db = t.ctx.db;
    const [rows, budgets, contents] = await Promise.all([
      db.selectFrom('attachments').selectAll().where('tenant_id', '=', tenantId).execute(),
      db
        .selectFrom('attachment_budgets')
        .select(['owner_kind', 'owner_id', 'files', 'bytes'])
        .where('tenant_id', '=', tenantId)
        .orderBy('owner_kind')
        .orderBy('owner_id')
        .execute(),
      db.selectFrom('attachment_contents').select('storage_key').where('tenant_id', '=', tenantId).execute(),
    ]);
    return { rows, budgets, contents: contents.map((c) => c.storage_key), files: filesOf(tenantId) };
  }

  /**
   * Asserts that exactly `count` attachments are stored for the tenant, each with its content in the
   * configured store and nothing else (no stray or temporary files), and the budgets given.
   */
  async function expectStored(
    tenantId: string,
    count: number,
    budgets: { owner_kind: string; owner_id: string; files: number; bytes: number }[],
  ) {
    const now = await stored(tenantId);
    expect(now.rows).toHaveLength(count);
    const keys = now.rows.map((r) => r.storage_key).sort();
    if (store === 'fs') {
      expect(now.files.sort()).toEqual(keys);
      expect(now.contents).toEqual([]);
    } else {
      expect(now.contents.sort()).toEqual(keys);
      expect(now.files).toEqual([]);
    }
    expect(now.rows.every((r) => r.storage === store)).toBe(true);
    expect(now.budgets).toEqual(budgets);
  }

  const caseBudget = (caseId: string, files: number, bytes: number) => ({
    owner_kind: 'case',
    owner_id: caseId,
    files,
    bytes,
  });

  async function trackOf(session: Session, caseId: string) {
    const response = await api(t.app, session).get(`/api/v1/cases/${caseId}/track?limit=100`);
    expect(response.statusCode).toBe(200);
    return response.json<TrackJson>().items.filter((e) => e.kind.startsWith('attachment.'));
  }

  async function listed(session: Session, caseId: string): Promise<AttachmentJson[]> {
    const response = await api(t.app, session).get(`/api/v1/cases/${caseId}/attachments`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: AttachmentJson[]; total: number; nextCursor: string | null }>();
    expect(body.total).toBe(body.items.length);
    expect(body.nextCursor).toBeNull();
    return body.items;
  }

  function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
    expect(problem(response).code).toBe(code);
  }

  describe('what may be attached', () => {
    it('accepts every allowed type, recognised from the content, and lists them oldest first', async () => {
      const fx = await setup();
      const second = await newCase(fx);
      const files: [string, string, Buffer, string][] = [
        [fx.caseId, 'screenshot.png', png(300), 'image/png'],
        [fx.caseId, 'photo.jpg', jpeg(400), 'image/jpeg'],
        [fx.caseId, 'PHOTO.JPEG', jpeg(500), 'image/jpeg'],
        [fx.caseId, 'animation.gif', gif(600), 'image/gif'],
        [fx.caseId, 'invoice.pdf', pdf(700), 'application/pdf'],
        [
          second,
          'letter.docx',
          docx(2000),
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ],
        [second, 'old letter.doc', doc(1536), 'application/msword'],
      ];
      for (const [caseId, name, content, contentType] of files) {
        const response = await upload(fx.owner.session, caseId, name, content);
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json<AttachmentJson>()).toMatchObject({
          name,
          size: content.length,
          contentType,
          uploaderId: fx.owner.id,
        });
      }
      expect((await listed(fx.owner.session, fx.caseId)).map((a) => a.name)).toEqual([
        'screenshot.png',
        'photo.jpg',
        'PHOTO.JPEG',
        'animation.gif',
        'invoice.pdf',
      ]);
      expect((await listed(fx.viewer.session, second)).map((a) => a.contentType)).toEqual([
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/msword',
      ]);
      await expectStored(
        fx.tenant.tenantId,
        7,
        [caseBudget(fx.caseId, 5, 300 + 400 + 500 + 600 + 700), caseBudget(second, 2, 2000 + 1536)].sort(
          (a, b) => (a.owner_id < b.owner_id ? -1 : 1),
        ),
      );
    });

    it.each([
      ['an HTML page named .png', 'image.png', html()],
      ['an ELF executable named .pdf', 'report.pdf', elf()],
      ['a Windows executable named .pdf', 'report.pdf', exe()],
      ['a zero-byte file', 'empty.png', Buffer.alloc(0)],
      ['a PDF named .png', 'picture.png', pdf()],
      ['a PNG named .pdf', 'document.pdf', png()],
      ['a DOCX named .doc', 'letter.doc', docx()],
      ['a compound file named .docx', 'letter.docx', doc()],
      ['a compound file named .xls', 'sheet.xls', doc()],
      ['plain text', 'notes.txt', Buffer.from('just some words\n')],
      ['a PNG without an extension', 'picture', png()],
    ])('refuses %s with 415 and stores nothing', async (_label, name, content) => {
      const fx = await setup();
      const response = await upload(fx.owner.session, fx.caseId, name, content);
      expectProblem(response, 415, 'attachment_type_not_allowed');
      await expectStored(fx.tenant.tenantId, 0, []);
      expect(await listed(fx.owner.session, fx.caseId)).toEqual([]);
      expect(await trackOf(fx.owner.session, fx.caseId)).toEqual([]);
    });
  });

  describe('limits', () => {
    it('takes exactly 5 files of exactly 5 MiB together, and refuses a sixth file with nothing stored', async () => {
      const fx = await setup();
      const files: [string, Buffer][] = [
        ['a.png', png(MIB)],
        ['b.pdf', pdf(MIB)],
        ['c.jpg', jpeg(MIB)],
        ['d.gif', gif(MIB)],
        ['e.docx', docx(MIB)],
      ];
      expect(files.reduce((sum, [, b]) => sum + b.length, 0)).toBe(5_242_880);
      for (const [name, content] of files) await uploaded(fx.owner.session, fx.caseId, name, content);
      await expectStored(fx.tenant.tenantId, 5, [caseBudget(fx.caseId, 5, MAX)]);

      const sixth = await upload(fx.owner.session, fx.caseId, 'f.png', png(100));
      expectProblem(sixth, 422, 'attachment_limit_exceeded');
      await expectStored(fx.tenant.tenantId, 5, [caseBudget(fx.caseId, 5, MAX)]);
      expect(await listed(fx.owner.session, fx.caseId)).toHaveLength(5);
      expect(await trackOf(fx.owner.session, fx.caseId)).toHaveLength(5);
    });

    it('refuses a sixth small file even though bytes are left', async () => {
      const fx = await setup();
      for (let i = 0; i < 5; i++) await uploaded(fx.viewer.session, fx.caseId, `shot-${i}.png`, png(200));
      const response = await upload(fx.viewer.session, fx.caseId, 'shot-5.png', png(200));
      expectProblem(response, 422, 'attachment_limit_exceeded');
      expect(problem(response).detail).toContain('5 files');
      await expectStored(fx.tenant.tenantId, 5, [caseBudget(fx.caseId, 5, 1000)]);
    });

    it('refuses a file that would take the total just past 5 MiB, and takes one that reaches it exactly', async () => {
      const fx = await setup();
      await uploaded(fx.owner.session, fx.caseId, 'big.png', png(4 * MIB));
      const over = await upload(fx.owner.session, fx.caseId, 'rest.pdf', pdf(MIB + 1));
      expectProblem(over, 422, 'attachment_limit_exceeded');
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, 4 * MIB)]);

      await uploaded(fx.owner.session, fx.caseId, 'rest.pdf', pdf(MIB));
      await expectStored(fx.tenant.tenantId, 2, [caseBudget(fx.caseId, 2, MAX)]);
      const oneMore = await upload(fx.owner.session, fx.caseId, 'tiny.gif', gif(100));
      expectProblem(oneMore, 422, 'attachment_limit_exceeded');
      await expectStored(fx.tenant.tenantId, 2, [caseBudget(fx.caseId, 2, MAX)]);
    });

    it('takes a single file of exactly 5 MiB and refuses one byte more with 413, nothing stored', async () => {
      const fx = await setup();
      const second = await newCase(fx);
      const tooBig = await upload(fx.owner.session, fx.caseId, 'huge.pdf', pdf(MAX + 1));
      expectProblem(tooBig, 413, 'attachment_too_large');
      await expectStored(fx.tenant.tenantId, 0, []);

      const muchTooBig = await upload(fx.owner.session, fx.caseId, 'huger.png', png(MAX + 3 * MIB));
      expectProblem(muchTooBig, 413, 'attachment_too_large');
      await expectStored(fx.tenant.tenantId, 0, []);

      await uploaded(fx.owner.session, second, 'exact.pdf', pdf(MAX));
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(second, 1, MAX)]);
    });

    it('lets only one of two concurrent uploads through when together they would break the limit', async () => {
      const fx = await setup();
      // Bytes: two 3 MiB files on an empty case (each fits alone, not both).
      const [a, b] = await Promise.all([
        upload(fx.owner.session, fx.caseId, 'first.png', png(3 * MIB)),
        upload(fx.viewer.session, fx.caseId, 'second.pdf', pdf(3 * MIB)),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
      expectProblem(a.statusCode === 422 ? a : b, 422, 'attachment_limit_exceeded');
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, 3 * MIB)]);
      expect(await trackOf(fx.owner.session, fx.caseId)).toHaveLength(1);

      // Files: four on a case, then two at once for the last place.
      const second = await newCase(fx);
      for (let i = 0; i < 4; i++) await uploaded(fx.owner.session, second, `n${i}.gif`, gif(100));
      const racing = await Promise.all(
        [fx.owner, fx.viewer, fx.otherViewer].map((u, i) => upload(u.session, second, `r${i}.gif`, gif(100))),
      );
      expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 422, 422]);
      await expectStored(
        fx.tenant.tenantId,
        6,
        [caseBudget(fx.caseId, 1, 3 * MIB), caseBudget(second, 5, 500)].sort((x, y) =>
          x.owner_id < y.owner_id ? -1 : 1,
        ),
      );
    });
  });

  describe('uploads that do not arrive whole', () => {
    it('keeps nothing of an upload whose client goes away half-way through the file', async () => {
      const fx = await setup();
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const { body, contentType } = fileUpload('cut.pdf', pdf(2 * MIB));
      const half = body.subarray(0, Math.floor(body.length / 2));
      const head =
        `POST /api/v1/cases/${fx.caseId}/attachments HTTP/1.1\r\n` +
        `Host: 127.0.0.1:${port}\r\n` +
        Object.entries(authHeaders(fx.owner.session))
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('') +
        `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      socket.on('error', () => {
        // The server may reset the connection it is told is gone; that is expected here.
      });
      for (const chunk of [head, half]) {
        await new Promise<void>((resolve) => {
          socket.write(chunk, () => {
            resolve();
          });
        });
      }
      // Let the server take in what was sent before the client disappears mid-file.
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 500));

      await expectStored(fx.tenant.tenantId, 0, []);
      expect(await trackOf(fx.owner.session, fx.caseId)).toEqual([]);
      // Nothing was reserved either: all five places and the whole 5 MiB are still free.
      for (let i = 0; i < 4; i++) await uploaded(fx.owner.session, fx.caseId, `p${i}.png`, png(MIB));
      await uploaded(fx.owner.session, fx.caseId, 'p4.png', png(MIB));
      await expectStored(fx.tenant.tenantId, 5, [caseBudget(fx.caseId, 5, MAX)]);
    });

    it('refuses a body that ends inside the file (400 on file) and keeps nothing', async () => {
      const fx = await setup();
      const { body, contentType } = fileUpload('cut.png', png(64 * 1024));
      const truncated = body.subarray(0, body.length - 20_000);
      const response = await post(
        `/api/v1/cases/${fx.caseId}/attachments`,
        fx.owner.session,
        truncated,
        contentType,
      );
      expectProblem(response, 400, 'validation_failed');
      expect(problem(response).errors?.[0]?.field).toBe('file');
      await expectStored(fx.tenant.tenantId, 0, []);
    });
  });

  describe('names', () => {
    it('stores a name with path parts and control characters under its cleaned name', async () => {
      const fx = await setup();
      const response = await upload(
        fx.owner.session,
        fx.caseId,
        '../../etc/\u0001pass\u0007wd\u001b\u007f.png',
        png(),
      );
      expect(response.statusCode, response.body).toBe(201);
      const saved = response.json<AttachmentJson>();
      expect(saved.name).toBe('passwd.png');
      const windows = await uploaded(
        fx.owner.session,
        fx.caseId,
        'C:\\Users\\me\\Desktop\\\u0002scan\u0085.pdf',
        pdf(),
      );
      expect(windows.name).toBe('scan.pdf');
      const long = await uploaded(fx.owner.session, fx.caseId, `${'长'.repeat(250)}.docx`, docx());
      expect(Array.from(long.name)).toHaveLength(200);
      expect(long.name.endsWith('长.docx')).toBe(true);
      expect((await listed(fx.owner.session, fx.caseId)).map((a) => a.name)).toEqual([
        'passwd.png',
        'scan.pdf',
        long.name,
      ]);
      const rows = await t.ctx.db
        .selectFrom('attachments')
        .select(['name', 'storage_key'])
        .where('tenant_id', '=', fx.tenant.tenantId)
        .execute();
      // The storage key is ours, never derived from the name.
      for (const row of rows) expect(row.storage_key).toMatch(/^[0-9a-f]{32}$/);
      await expectStored(fx.tenant.tenantId, 3, [
        caseBudget(fx.caseId, 3, png().length + pdf().length + docx().length),
      ]);
    });

    it('cleans names by the rule of SPEC §13', () => {
      expect(cleanFileName('a/b/c.png')).toBe('c.png');
      expect(cleanFileName('a\\b\\c.png')).toBe('c.png');
      expect(cleanFileName('  \u0000report\u001f.pdf  ')).toBe('report.pdf');
      expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
      expect(cleanFileName('..')).toBe('attachment');
      expect(cleanFileName('dir/')).toBe('attachment');
      expect(cleanFileName('')).toBe('attachment');
      expect(cleanFileName(`${'x'.repeat(300)}.jpeg`)).toBe(`${'x'.repeat(195)}.jpeg`);
      expect(cleanFileName('😀'.repeat(201))).toBe('😀'.repeat(200));
      expect(cleanFileName(`${'a'.repeat(300)}.${'b'.repeat(40)}`)).toHaveLength(200);
    });
  });

  describe('downloads', () => {
    it('serves the exact bytes as a download with the recognised type and nosniff', async () => {
      const fx = await setup();
      const content = pdf(10_000);
      const a = await uploaded(fx.owner.session, fx.caseId, 'Rechnung März 发票 "final".pdf', content);
      for (const reader of [fx.owner, fx.viewer]) {
        const response = await api(t.app, reader.session).get(`/api/v1/attachments/${a.id}/content`);
        expect(response.statusCode).toBe(200);
        expect(Buffer.compare(response.rawPayload, content)).toBe(0);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-length']).toBe(String(content.length));
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        const disposition = String(response.headers['content-disposition']);
        expect(disposition).toBe(
          `attachment; filename="Rechnung M_rz __ _final_.pdf"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
        );
        expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toBe(
          'Rechnung März 发票 "final".pdf',
        );
      }
      const image = png(5000);
      const b = await uploaded(fx.viewer.session, fx.caseId, "it's (1).png", image);
      const response = await api(t.app, fx.viewer.session).get(`/api/v1/attachments/${b.id}/content`);
      expect(Buffer.compare(response.rawPayload, image)).toBe(0);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
      );
    });

    it('is 404 for those who may not see the case, and for anything of another tenant', async () => {
      const fx = await setup();
      const a = await uploaded(fx.owner.session, fx.caseId, 'x.png', png());
      const other = await setup();
      for (const session of [fx.stranger.session, other.tenant.admin, other.owner.session]) {
        expectProblem(await api(t.app, session).get(`/api/v1/attachments/${a.id}/content`), 404, 'not_found');
        expectProblem(await api(t.app, session).delete(`/api/v1/attachments/${a.id}`), 404, 'not_found');
      }
      expectProblem(
        await api(t.app, fx.owner.session).get(`/api/v1/attachments/${newId()}/content`),
        404,
        'not_found',
      );
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, png().length)]);
    });
  });

  describe('tasks and internal records have budgets of their own', () => {
    function actorOf(fx: Fixture, user: UserFixture, tenantAdmin = false): Actor {
      return {
        tenantId: fx.tenant.tenantId,
        userId: user.id,
        name: 'Someone',
        ouId: fx.tenant.rootOuId,
        tenantAdmin,
        permissions: new Set(),
        auth: { kind: 'token', tokenId: 'test' },
      };
    }

    it("keeps an internal record's attachments out of the case's list, its track and other readers' reach", async () => {
      const fx = await setup();
      const at = t.clock.now().toISOString();
      const recordId = newId();
      await t.ctx.db
        .insertInto('internal_records')
        .values({
          tenant_id: fx.tenant.tenantId,
          id: recordId,
          case_id: fx.caseId,
          body: 'Customer is known to escalate.',
          author_id: fx.owner.id,
          created_at: at,
        })
        .execute();
      for (let i = 0; i < 5; i++) await uploaded(fx.owner.session, fx.caseId, `case-${i}.gif`, gif(100));
      const owner = {
        tenantId: fx.tenant.tenantId,
        kind: 'record' as const,
        id: recordId,
        caseId: fx.caseId,
      };
      const content = png(4 * MIB);
      const secret = await addAttachment(t.ctx, actorOf(fx, fx.owner), owner, {
        filename: 'evidence.png',
        stream: Readable.from([content.subarray(0, MIB), content.subarray(MIB)]),
      });
      expect(secret).toMatchObject({ name: 'evidence.png', size: 4 * MIB, contentType: 'image/png' });

      // The record's budget is its own: the case is full, the record is not (but has its 5 MiB).
      await expect(
        addAttachment(t.ctx, actorOf(fx, fx.owner), owner, {
          filename: 'more.pdf',
          stream: Readable.from([pdf(MIB + 1)]),
        }),
      ).rejects.toMatchObject({ code: 'attachment_limit_exceeded' });
      await expectStored(fx.tenant.tenantId, 6, [
        caseBudget(fx.caseId, 5, 500),
        { owner_kind: 'record', owner_id: recordId, files: 1, bytes: 4 * MIB },
      ]);

      for (const session of [fx.owner.session, fx.viewer.session, fx.tenant.admin]) {
        expect((await listed(session, fx.caseId)).map((a) => a.id)).not.toContain(secret.id);
      }
      expect((await trackOf(fx.owner.session, fx.caseId)).map((e) => e.body)).not.toContain('evidence.png');

      // Readers: the case's owner and tenant administrators; a case.queryAll holder does not even
      // learn that it exists.
      for (const session of [fx.owner.session, fx.tenant.admin]) {
        const response = await api(t.app, session).get(`/api/v1/attachments/${secret.id}/content`);
        expect(response.statusCode).toBe(200);
        expect(Buffer.compare(response.rawPayload, content)).toBe(0);
      }
      expectProblem(
        await api(t.app, fx.viewer.session).get(`/api/v1/attachments/${secret.id}/content`),
        404,
        'not_found',
      );
      expectProblem(
        await api(t.app, fx.viewer.session).delete(`/api/v1/attachments/${secret.id}`),
        404,
        'not_found',
      );

      // Removing it gives the record's budget back and leaves no trace on the track.
      expect((await api(t.app, fx.owner.session).delete(`/api/v1/attachments/${secret.id}`)).statusCode).toBe(
        204,
      );
      await expectStored(fx.tenant.tenantId, 5, [
        caseBudget(fx.caseId, 5, 500),
        { owner_kind: 'record', owner_id: recordId, files: 0, bytes: 0 },
      ]);
      expect((await trackOf(fx.owner.session, fx.caseId)).map((e) => e.body)).not.toContain('evidence.png');
    });

    it("gives a task its own budget and puts its attachments on the case's track", async () => {
      const fx = await setup();
      const at = t.clock.now().toISOString();
      const taskId = newId();
      await t.ctx.db
        .insertInto('case_tasks')
        .values({
          tenant_id: fx.tenant.tenantId,
          id: taskId,
          case_id: fx.caseId,
          title: 'Check the refund',
          description: '',
          owner_id: fx.viewer.id,
          ou_id: null,
          priority: 'medium',
          due_at: null,
          status: 'pending',
          creator_id: fx.owner.id,
          created_at: at,
          updated_at: at,
          completed_at: null,
        })
        .execute();
      for (let i = 0; i < 5; i++) await uploaded(fx.owner.session, fx.caseId, `case-${i}.gif`, gif(100));
      const task = await addAttachment(
        t.ctx,
        actorOf(fx, fx.viewer),
        { tenantId: fx.tenant.tenantId, kind: 'task', id: taskId, caseId: fx.caseId },
        { filename: 'receipt.jpg', stream: Readable.from([jpeg(MIB)]) },
      );
      await expectStored(fx.tenant.tenantId, 6, [
        caseBudget(fx.caseId, 5, 500),
        { owner_kind: 'task', owner_id: taskId, files: 1, bytes: MIB },
      ]);
      expect((await listed(fx.owner.session, fx.caseId)).map((a) => a.id)).not.toContain(task.id);
      const track = await trackOf(fx.owner.session, fx.caseId);
      expect(track.at(-1)).toMatchObject({
        kind: 'attachment.added',
        actorId: fx.viewer.id,
        body: 'receipt.jpg',
      });
      const download = await api(t.app, fx.otherViewer.session).get(`/api/v1/attachments/${task.id}/content`);
      expect(download.statusCode).toBe(200);
    });
  });

  describe('removal', () => {
    it("is for the uploader, the case's owner and tenant administrators, and gives the budget back", async () => {
      const fx = await setup();
      const byViewer = await uploaded(fx.viewer.session, fx.caseId, 'viewer.png', png(1000));
      const byViewer2 = await uploaded(fx.viewer.session, fx.caseId, 'viewer2.png', png(2000));
      const byOwner = await uploaded(fx.owner.session, fx.caseId, 'owner.pdf', pdf(3000));
      const byOther = await uploaded(fx.otherViewer.session, fx.caseId, 'other.gif', gif(4000));
      await expectStored(fx.tenant.tenantId, 4, [caseBudget(fx.caseId, 4, 10_000)]);

      // Another viewer can see them but may not remove what is not theirs.
      for (const id of [byViewer.id, byOwner.id]) {
        expectProblem(
          await api(t.app, fx.otherViewer.session).delete(`/api/v1/attachments/${id}`),
          403,
          'forbidden',
        );
      }
      await expectStored(fx.tenant.tenantId, 4, [caseBudget(fx.caseId, 4, 10_000)]);

      expect(
        (await api(t.app, fx.viewer.session).delete(`/api/v1/attachments/${byViewer.id}`)).statusCode,
      ).toBe(204);
      expect(
        (await api(t.app, fx.owner.session).delete(`/api/v1/attachments/${byViewer2.id}`)).statusCode,
      ).toBe(204);
      expect((await api(t.app, fx.tenant.admin).delete(`/api/v1/attachments/${byOwner.id}`)).statusCode).toBe(
        204,
      );
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, 4000)]);
      expect((await listed(fx.owner.session, fx.caseId)).map((a) => a.id)).toEqual([byOther.id]);

      // Gone means gone: a second removal or a download is 404.
      expectProblem(
        await api(t.app, fx.viewer.session).delete(`/api/v1/attachments/${byViewer.id}`),
        404,
        'not_found',
      );
      expectProblem(
        await api(t.app, fx.viewer.session).get(`/api/v1/attachments/${byViewer.id}/content`),
        404,
        'not_found',
      );

      // The freed places can be used again.
      for (let i = 0; i < 4; i++) await uploaded(fx.owner.session, fx.caseId, `again-${i}.gif`, gif(100));
      await expectStored(fx.tenant.tenantId, 5, [caseBudget(fx.caseId, 5, 4400)]);

      const track = await trackOf(fx.owner.session, fx.caseId);
      expect(track.slice(0, 7).map(({ kind, actorId, body }) => ({ kind, actorId, body }))).toEqual([
        { kind: 'attachment.added', actorId: fx.viewer.id, body: 'viewer.png' },
        { kind: 'attachment.added', actorId: fx.viewer.id, body: 'viewer2.png' },
        { kind: 'attachment.added', actorId: fx.owner.id, body: 'owner.pdf' },
        { kind: 'attachment.added', actorId: fx.otherViewer.id, body: 'other.gif' },
        { kind: 'attachment.removed', actorId: fx.viewer.id, body: 'viewer.png' },
        { kind: 'attachment.removed', actorId: fx.owner.id, body: 'viewer2.png' },
        { kind: 'attachment.removed', actorId: fx.tenant.adminId, body: 'owner.pdf' },
      ]);
      expect(track).toHaveLength(11);
    });

    it('is refused with 409 on a closed case, and so is adding; a suspended case takes both', async () => {
      const fx = await setup();
      const kept = await uploaded(fx.owner.session, fx.caseId, 'kept.png', png());
      await putCaseInState(t, fx.owner.session, fx.caseId, 'closed', PROCESS);
      expectProblem(
        await api(t.app, fx.owner.session).delete(`/api/v1/attachments/${kept.id}`),
        409,
        'case_invalid_transition',
      );
      expectProblem(
        await api(t.app, fx.tenant.admin).delete(`/api/v1/attachments/${kept.id}`),
        409,
        'case_invalid_transition',
      );
      // 403 comes before 409 (SPEC §13): a viewer who may not remove it hears that first.
      expectProblem(
        await api(t.app, fx.viewer.session).delete(`/api/v1/attachments/${kept.id}`),
        403,
        'forbidden',
      );
      expectProblem(
        await upload(fx.viewer.session, fx.caseId, 'late.png', png()),
        409,
        'case_invalid_transition',
      );
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, png().length)]);
      // Still downloadable.
      expect(
        (await api(t.app, fx.viewer.session).get(`/api/v1/attachments/${kept.id}/content`)).statusCode,
      ).toBe(200);
      const closed = await api(t.app, fx.owner.session).get(`/api/v1/cases/${fx.caseId}`);
      expect(closed.json<{ abilities: Record<string, boolean> }>().abilities.attach).toBe(false);

      const suspended = await newCase(fx);
      await putCaseInState(t, fx.owner.session, suspended, 'suspended', PROCESS);
      const s = await uploaded(fx.viewer.session, suspended, 'while-suspended.png', png());
      expect((await api(t.app, fx.viewer.session).delete(`/api/v1/attachments/${s.id}`)).statusCode).toBe(
        204,
      );

      const cancelled = await newCase(fx);
      await putCaseInState(t, fx.owner.session, cancelled, 'cancelled', PROCESS);
      expectProblem(
        await upload(fx.owner.session, cancelled, 'x.png', png()),
        409,
        'case_invalid_transition',
      );
      await expectStored(
        fx.tenant.tenantId,
        1,
        [caseBudget(fx.caseId, 1, png().length), caseBudget(suspended, 0, 0)].sort((x, y) =>
          x.owner_id < y.owner_id ? -1 : 1,
        ),
      );
    });

    it('shows attach in the abilities of every viewer of an open case', async () => {
      const fx = await setup();
      for (const session of [fx.owner.session, fx.viewer.session, fx.tenant.admin]) {
        const response = await api(t.app, session).get(`/api/v1/cases/${fx.caseId}`);
        expect(response.json<{ abilities: Record<string, boolean> }>().abilities.attach).toBe(true);
      }
    });
  });

  describe('every route refuses in the order of SPEC §13', () => {
    it('is 401 without credentials', async () => {
      const fx = await setup();
      const a = await uploaded(fx.owner.session, fx.caseId, 'a.png', png());
      expectProblem(await api(t.app).get(`/api/v1/cases/${fx.caseId}/attachments`), 401, 'unauthenticated');
      expectProblem(await upload(undefined, fx.caseId, 'b.png', png()), 401, 'unauthenticated');
      expectProblem(await api(t.app).get(`/api/v1/attachments/${a.id}/content`), 401, 'unauthenticated');
      expectProblem(await api(t.app).delete(`/api/v1/attachments/${a.id}`), 401, 'unauthenticated');
      // A cookie without the CSRF token is no valid write either.
      expectProblem(
        await upload({ cookie: fx.owner.session.cookie ?? '' }, fx.caseId, 'c.png', png()),
        403,
        'csrf_failed',
      );
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, png().length)]);
    });

    it("is 404 for another tenant's case, and for a case out of the caller's sight, before looking at the body", async () => {
      const fx = await setup();
      const other = await setup();
      for (const session of [other.tenant.admin, fx.stranger.session]) {
        expectProblem(
          await api(t.app, session).get(`/api/v1/cases/${fx.caseId}/attachments`),
          404,
          'not_found',
        );
        expectProblem(await upload(session, fx.caseId, 'a.png', png()), 404, 'not_found');
        expectProblem(
          await api(t.app, session).post(`/api/v1/cases/${fx.caseId}/attachments`, {}),
          404,
          'not_found',
        );
      }
      expectProblem(await upload(fx.owner.session, newId(), 'a.png', png()), 404, 'not_found');
      await expectStored(fx.tenant.tenantId, 0, []);
      await expectStored(other.tenant.tenantId, 0, []);
    });

    it('is 400 on file for a body that is not multipart or carries no file in "file"', async () => {
      const fx = await setup();
      const url = `/api/v1/cases/${fx.caseId}/attachments`;
      const cases: LightMyRequestResponse[] = [
        await api(t.app, fx.owner.session).post(url, { file: 'not a file' }),
        await api(t.app, fx.owner.session).post(url),
        await post(url, fx.owner.session, multipartBody([{ field: 'note', content: 'only a field' }])),
        await post(
          url,
          fx.owner.session,
          multipartBody([{ field: 'upload', filename: 'a.png', content: png() }]),
        ),
        await post(url, fx.owner.session, Buffer.from('garbage'), 'multipart/form-data'),
      ];
      for (const response of cases) {
        expectProblem(response, 400, 'validation_failed');
        expect(problem(response).errors?.map((e) => e.field)).toEqual(['file']);
      }
      // 400 comes before 409: a closed case with a bad body hears about the body.
      await putCaseInState(t, fx.owner.session, fx.caseId, 'closed', PROCESS);
      expectProblem(await api(t.app, fx.owner.session).post(url, {}), 400, 'validation_failed');
      await expectStored(fx.tenant.tenantId, 0, []);
    });

    it('refuses a file sent without any name with 415 (no extension to agree with)', async () => {
      const fx = await setup();
      const response = await post(
        `/api/v1/cases/${fx.caseId}/attachments`,
        fx.owner.session,
        multipartBody([{ field: 'file', contentType: 'application/octet-stream', content: png() }]),
      );
      expectProblem(response, 415, 'attachment_type_not_allowed');
      await expectStored(fx.tenant.tenantId, 0, []);
    });

    it('takes the file when plain fields come with it', async () => {
      const fx = await setup();
      const response = await post(
        `/api/v1/cases/${fx.caseId}/attachments`,
        fx.owner.session,
        multipartBody([
          { field: 'comment', content: 'see attached' },
          { field: 'file', filename: 'with-fields.png', content: png() },
        ]),
      );
      expect(response.statusCode, response.body).toBe(201);
      await expectStored(fx.tenant.tenantId, 1, [caseBudget(fx.caseId, 1, png().length)]);
    });
  });
});
