import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type Session,
  type TestApp,
} from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MISSING_ID = '01900000-0000-7000-8000-000000000000';

/** Tenant B with one of everything: a sub-OU led by a user, a role that user holds, and an API token. */
async function otherTenant() {
  const b = await createTenantFixture(t);
  const roleId = await createRoleFixture(t, b, ['case.close', 'users.manage']);
  const user = await createUserFixture(t, b, { roleIds: [roleId] });
  const ou = await api(t.app, b.admin).post('/api/v1/ous', {
    name: 'B team',
    parentId: b.rootOuId,
    leaderIds: [user.id],
  });
  expect(ou.statusCode).toBe(201);
  const token = await api(t.app, b.admin).post('/api/v1/auth/tokens', { name: 'b-integration' });
  expect(token.statusCode).toBe(201);
  const { id: tokenId, token: bearer } = token.json<{ id: string; token: string }>();
  return { b, roleId, user, ouId: ou.json<{ id: string }>().id, tokenId, bearer };
}

/** What B can see of itself: everything a cross-tenant request must leave untouched. */
async function snapshot(session: Session) {
  const read = async (url: string): Promise<unknown> => {
    const response = await api(t.app, session).get(url);
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };
  return {
    tenant: await read('/api/v1/tenant'),
    ous: await read('/api/v1/ous'),
    roles: await read('/api/v1/roles'),
    users: await read('/api/v1/users?includeDisabled=true'),
    tokens: await read('/api/v1/auth/tokens?all=true'),
  };
}

/** A refusal without its request id, for comparing two refusals. */
function refusal(response: LightMyRequestResponse) {
  const { requestId: _requestId, ...rest } = problem(response) as ReturnType<typeof problem> & {
    requestId?: string;
  };
  return { statusCode: response.statusCode, ...rest };
}

function expectNotFound(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(404);
  expect(problem(response).code).toBe('not_found');
}

describe('ids of another tenant in the path are 404, exactly like ids that do not exist', () => {
  it('OUs: GET, PATCH and DELETE', async () => {
    const a = await createTenantFixture(t);
    const plainA = await createUserFixture(t, a);
    const { b, ouId } = await otherTenant();
    const before = await snapshot(b.admin);
    t.clock.advance(1000);
    for (const session of [a.admin, plainA.session]) {
      for (const id of [ouId, b.rootOuId]) {
        const pairs: [LightMyRequestResponse, LightMyRequestResponse][] = [
          [
            await api(t.app, session).get(`/api/v1/ous/${id}`),
            await api(t.app, session).get(`/api/v1/ous/${MISSING_ID}`),
          ],
          [
            await api(t.app, session).patch(`/api/v1/ous/${id}`, { name: 'Hijacked', parentId: null }),
            await api(t.app, session).patch(`/api/v1/ous/${MISSING_ID}`, {
              name: 'Hijacked',
              parentId: null,
            }),
          ],
          [
            await api(t.app, session).delete(`/api/v1/ous/${id}`),
            await api(t.app, session).delete(`/api/v1/ous/${MISSING_ID}`),
          ],
        ];
        for (const [foreign, missing] of pairs) {
          expectNotFound(foreign);
          expect(refusal(foreign)).toEqual(refusal(missing));
        }
      }
    }
    expect(await snapshot(b.admin)).toEqual(before);
  });

  it('roles: GET, PATCH and DELETE', async () => {
    const a = await createTenantFixture(t);
    const { b, roleId } = await otherTenant();
    const before = await snapshot(b.admin);
    t.clock.advance(1000);
    const pairs: [LightMyRequestResponse, LightMyRequestResponse][] = [
      [
        await api(t.app, a.admin).get(`/api/v1/roles/${roleId}`),
        await api(t.app, a.admin).get(`/api/v1/roles/${MISSING_ID}`),
      ],
      [
        await api(t.app, a.admin).patch(`/api/v1/roles/${roleId}`, { permissions: [] }),
        await api(t.app, a.admin).patch(`/api/v1/roles/${MISSING_ID}`, { permissions: [] }),
      ],
      [
        await api(t.app, a.admin).delete(`/api/v1/roles/${roleId}`),
        await api(t.app, a.admin).delete(`/api/v1/roles/${MISSING_ID}`),
      ],
    ];
    for (const [foreign, missing] of pairs) {
      expectNotFound(foreign);
      expect(refusal(foreign)).toEqual(refusal(missing));
    }
    expect(await snapshot(b.admin)).toEqual(before);
  });

  it('users: GET and PATCH (of a plain user and of the administrator)', async () => {
    const a = await createTenantFixture(t);
    const plainA = await createUserFixture(t, a);
    const { b, user } = await otherTenant();
    const before = await snapshot(b.admin);
    t.clock.advance(1000);
    for (const session of [a.admin, plainA.session]) {
      for (const id of [user.id, b.adminId]) {
        const pairs: [LightMyRequestResponse, LightMyRequestResponse][] = [
          [
            await api(t.app, session).get(`/api/v1/users/${id}`),
            await api(t.app, session).get(`/api/v1/users/${MISSING_ID}`),
          ],
          [
            await api(t.app, session).patch(`/api/v1/users/${id}`, {
              password: 'taken-over-password',
              disabled: true,
            }),
            await api(t.app, session).patch(`/api/v1/users/${MISSING_ID}`, {
              password: 'taken-over-password',
              disabled: true,
            }),
          ],
        ];
        for (const [foreign, missing] of pairs) {
          expectNotFound(foreign);
          expect(refusal(foreign)).toEqual(refusal(missing));
        }
      }
    }
    expect(await snapshot(b.admin)).toEqual(before);
    expect((await api(t.app, user.session).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('tokens: DELETE', async () => {
    const a = await createTenantFixture(t);
    const { b, tokenId, bearer } = await otherTenant();
    const before = await snapshot(b.admin);
    const foreign = await api(t.app, a.admin).delete(`/api/v1/auth/tokens/${tokenId}`);
    const missing = await api(t.app, a.admin).delete(`/api/v1/auth/tokens/${MISSING_ID}`);
    expectNotFound(foreign);
    expect(refusal(foreign)).toEqual(refusal(missing));
    expect(await snapshot(b.admin)).toEqual(before);
    // B's integration keeps working.
    const me = await api(t.app, { bearer }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { id: string } }>().user.id).toBe(b.adminId);
  });

  it('a bearer token of tenant B sees nothing of tenant A either', async () => {
    const a = await createTenantFixture(t);
    const ouA = (await api(t.app, a.admin).post('/api/v1/ous', { name: 'A team' })).json<{ id: string }>();
    const { bearer } = await otherTenant();
    const as = api(t.app, { bearer });
    expectNotFound(await as.get(`/api/v1/ous/${ouA.id}`));
    expectNotFound(await as.get(`/api/v1/users/${a.adminId}`));
    expectNotFound(await as.patch(`/api/v1/users/${a.adminId}`, { disabled: true }));
    expectNotFound(await as.delete(`/api/v1/ous/${ouA.id}`));
    expect((await api(t.app, a.admin).get(`/api/v1/ous/${ouA.id}`)).statusCode).toBe(200);
  });
});

describe('lists show only the own tenant', () => {
  it('OUs, users, roles and tokens of B never appear in A’s lists', async () => {
    const a = await createTenantFixture(t);
    const { b, roleId, user, ouId, tokenId } = await otherTenant();
    const seen = await snapshot(a.admin);
    const text = JSON.stringify(seen);
    for (const id of [b.tenantId, b.rootOuId, b.adminId, roleId, user.id, ouId, tokenId]) {
      expect(text).not.toContain(id);
    }
    expect((seen.ous as { items: unknown[] }).items).toHaveLength(1);
    expect((seen.users as { items: unknown[] }).items).toHaveLength(1);
    expect((seen.roles as { items: unknown[] }).items).toHaveLength(0);
    expect((seen.tokens as { items: unknown[] }).items).toHaveLength(0);
    // Filtering A's users by B's OU finds nobody.
    const byOu = await api(t.app, a.admin).get(`/api/v1/users?ouId=${b.rootOuId}`);
    expect(byOu.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('the same OU name may exist in both tenants', async () => {
    const a = await createTenantFixture(t);
    await otherTenant();
    expect((await api(t.app, a.admin).post('/api/v1/ous', { name: 'B team' })).statusCode).toBe(201);
  });
});

describe('ids of another tenant in a body are 400 on that field, like ids that do not exist', () => {
  /** Sends the same request with B's id and with a missing id, and asserts two identical 400s naming `field`. */
  async function expectSameAsMissing(
    send: (id: string) => Promise<LightMyRequestResponse>,
    foreignId: string,
    field: string,
  ): Promise<void> {
    const foreign = await send(foreignId);
    const missing = await send(MISSING_ID);
    expect(foreign.statusCode).toBe(400);
    const body = problem(foreign);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
    expect(refusal(foreign)).toEqual(refusal(missing));
  }

  it('parentId and leaderIds on creating and changing an OU', async () => {
    const a = await createTenantFixture(t);
    const ouA = (await api(t.app, a.admin).post('/api/v1/ous', { name: 'A team' })).json<{ id: string }>();
    const { b, ouId, user } = await otherTenant();
    const beforeA = await snapshot(a.admin);
    const beforeB = await snapshot(b.admin);
    t.clock.advance(1000);
    const admin = api(t.app, a.admin);

    await expectSameAsMissing(
      (id) => admin.post('/api/v1/ous', { name: 'Child', parentId: id }),
      ouId,
      'parentId',
    );
    await expectSameAsMissing(
      (id) => admin.post('/api/v1/ous', { name: 'Child', parentId: id }),
      b.rootOuId,
      'parentId',
    );
    await expectSameAsMissing(
      (id) => admin.post('/api/v1/ous', { name: 'Led', leaderIds: [id] }),
      user.id,
      'leaderIds.0',
    );
    await expectSameAsMissing(
      (id) => admin.post('/api/v1/ous', { name: 'Led', leaderIds: [a.adminId, id] }),
      b.adminId,
      'leaderIds.1',
    );
    await expectSameAsMissing(
      (id) => admin.patch(`/api/v1/ous/${ouA.id}`, { parentId: id }),
      ouId,
      'parentId',
    );
    await expectSameAsMissing(
      (id) => admin.patch(`/api/v1/ous/${ouA.id}`, { leaderIds: [id], name: 'Renamed' }),
      user.id,
      'leaderIds.0',
    );

    expect(await snapshot(a.admin)).toEqual(beforeA);
    expect(await snapshot(b.admin)).toEqual(beforeB);
  });

  it('ouId and roleIds on creating and changing a user', async () => {
    const a = await createTenantFixture(t);
    const userA = await createUserFixture(t, a);
    const roleA = await createRoleFixture(t, a, ['case.edit']);
    const { b, ouId, roleId } = await otherTenant();
    const beforeA = await snapshot(a.admin);
    const beforeB = await snapshot(b.admin);
    t.clock.advance(1000);
    const admin = api(t.app, a.admin);
    const newUser = (extra: Record<string, unknown>) => ({
      email: `new@${a.slug}.test`,
      name: 'New',
      password: 'a-long-enough-password',
      ouId: a.rootOuId,
      ...extra,
    });

    await expectSameAsMissing((id) => admin.post('/api/v1/users', newUser({ ouId: id })), ouId, 'ouId');
    await expectSameAsMissing((id) => admin.post('/api/v1/users', newUser({ ouId: id })), b.rootOuId, 'ouId');
    await expectSameAsMissing(
      (id) => admin.post('/api/v1/users', newUser({ roleIds: [id] })),
      roleId,
      'roleIds.0',
    );
    await expectSameAsMissing(
      (id) => admin.post('/api/v1/users', newUser({ roleIds: [roleA, id] })),
      roleId,
      'roleIds.1',
    );
    await expectSameAsMissing((id) => admin.patch(`/api/v1/users/${userA.id}`, { ouId: id }), ouId, 'ouId');
    await expectSameAsMissing(
      (id) => admin.patch(`/api/v1/users/${userA.id}`, { roleIds: [id], name: 'Renamed' }),
      roleId,
      'roleIds.0',
    );

    expect(await snapshot(a.admin)).toEqual(beforeA);
    expect(await snapshot(b.admin)).toEqual(beforeB);
  });
});
