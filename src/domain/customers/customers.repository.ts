import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import type { CustomersTable, Database } from '../../db/schema.js';
import { invalidField } from '../shared/errors.js';
import { decodeCursor, encodeCursor, TOTAL_CAP } from '../shared/pagination.js';
import type { Customer, Gender } from './customer.js';

/**
 * What a search matches: name, phone numbers and e-mail, lower-cased once when the row is written.
 * A phone number written with spaces, dashes or a `+` is also kept as bare digits, so that the number
 * a call arrives from (`8613800001111`) finds `+86 138 0000 1111`.
 */
function searchTextOf(customer: Customer): string {
  const bareDigits = customer.phones
    .map((phone) => phone.replace(/\D/g, ''))
    .filter((digits, i) => digits !== '' && digits !== customer.phones[i]);
  return [customer.name, ...customer.phones, ...bareDigits, customer.email ?? ''].join(' ').toLowerCase();
}

function toCustomer(row: CustomersTable): Customer {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    gender: row.gender as Gender | null,
    phones: fromJson<string[]>(row.phones),
    email: row.email,
    company: row.company,
    address: row.address,
    remark: row.remark,
    ouId: row.ou_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(customer: Customer): CustomersTable {
  return {
    tenant_id: customer.tenantId,
    id: customer.id,
    name: customer.name,
    gender: customer.gender,
    phones: toJson(customer.phones),
    email: customer.email,
    company: customer.company,
    address: customer.address,
    remark: customer.remark,
    ou_id: customer.ouId,
    search_text: searchTextOf(customer),
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
  };
}

export async function findCustomer(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Customer | undefined> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toCustomer(row);
}

/** Names of the given customers of one tenant (one indexed read for a page of cases). */
export async function customerNamesOf(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface CustomerFilter {
  /** A substring of the name, a phone number or the e-mail, matched case-insensitively. */
  q?: string | undefined;
  ouId?: string | undefined;
  /** The OUs the caller sees (customers without an OU are always included); `null`: all. */
  scope: ReadonlySet<string> | null;
}

export interface CustomerPage {
  customers: Customer[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

/** `%` and `_` in a search are literal characters, not patterns. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matching(tenantId: string, filter: CustomerFilter) {
  return (eb: ExpressionBuilder<Database, 'customers'>) => {
    const conditions: Expression<SqlBool>[] = [eb('tenant_id', '=', tenantId)];
    if (filter.q) {
      // ESCAPE is spelled out: SQLite has no default escape character, PostgreSQL's is the same one.
      conditions.push(sql<SqlBool>`${eb.ref('search_text')} like ${likePattern(filter.q)} escape '\\'`);
    }
    if (filter.ouId) conditions.push(eb('ou_id', '=', filter.ouId));
    if (filter.scope) {
      const visibleOus = [...filter.scope];
      conditions.push(
        eb.or([eb('ou_id', 'is', null), ...(visibleOus.length > 0 ? [eb('ou_id', 'in', visibleOus)] : [])]),
      );
    }
    return eb.and(conditions);
  };
}

/** The name and id a cursor of this list carries; anything else is a 400 on `cursor`. */
function keysetAfter(cursor: string): { name: string; id: string } {
  const [name, id] = decodeCursor(cursor, 2);
  if (typeof name === 'string' && typeof id === 'string') return { name, id };
  throw invalidField('cursor', 'Not a cursor from this list.');
}

/**
 * One page of customers ordered by name, then id, continuing after `cursor` (the name and id of the
 * previous page's last customer). The total is counted over at most TOTAL_CAP + 1 rows, so that a
 * huge tenant costs a bounded count; beyond the cap it is reported as capped.
 */
export async function pageCustomers(
  db: Executor,
  tenantId: string,
  filter: CustomerFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<CustomerPage> {
  let query = db.selectFrom('customers').selectAll().where(matching(tenantId, filter));
  if (page.cursor) {
    const after = keysetAfter(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  const rows = await query
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const customers = rows.slice(0, page.limit).map(toCustomer);
  const last = customers.at(-1);
  const capped = db
    .selectFrom('customers')
    .select('id')
    .where(matching(tenantId, filter))
    .limit(TOTAL_CAP + 1)
    .as('capped');
  const { n } = await db
    .selectFrom(capped)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    customers,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.name, last.id]) : null,
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
  };
}

export async function insertCustomer(db: Executor, customer: Customer): Promise<void> {
  await db.insertInto('customers').values(toRow(customer)).execute();
}

export async function updateCustomerRow(db: Executor, customer: Customer): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, ...changes } = toRow(customer);
  await db
    .updateTable('customers')
    .set(changes)
    .where('tenant_id', '=', customer.tenantId)
    .where('id', '=', customer.id)
    .execute();
}

export async function deleteCustomerRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Whether any case, in any state, is about this customer. */
export async function hasCasesOfCustomer(
  db: Executor,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
