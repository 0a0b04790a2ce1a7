import { idParams, listOf } from '../../../contract/common.js';
import {
  createCustomerBody,
  customerListQuery,
  customerSchema,
  updateCustomerBody,
} from '../../../contract/customers.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { createCustomer } from '../../domain/customers/commands/create-customer.js';
import { deleteCustomer } from '../../domain/customers/commands/delete-customer.js';
import { updateCustomer } from '../../domain/customers/commands/update-customer.js';
import { presentCustomer } from '../../domain/customers/customer.presenter.js';
import { findVisibleCustomer, listVisibleCustomers } from '../../domain/customers/customer-visibility.js';
import { notFound } from '../../domain/shared/errors.js';
import { route } from '../route.js';

/** Of another tenant, or of an OU outside the caller's scope under OU isolation: 404 alike. */
async function loadCustomer(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (
    (await findVisibleCustomer(ctx.db, actor, params.id ?? '')) ?? Promise.reject(notFound('The customer'))
  );
}

const customerManagers = { access: 'permission', permission: 'customers.manage' } as const;

export const customerRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/customers',
    operationId: 'listCustomers',
    summary: 'Customers, by name; `q` searches name, phone numbers and e-mail',
    tags: ['customers'],
    policy: { access: 'signedIn' },
    query: customerListQuery,
    response: { status: 200, schema: listOf(customerSchema) },
    async handle({ ctx, actor, query }) {
      const page = await listVisibleCustomers(ctx.db, actor, query);
      return {
        items: page.customers.map(presentCustomer),
        nextCursor: page.nextCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/customers',
    operationId: 'createCustomer',
    summary: 'Create a customer',
    tags: ['customers'],
    policy: customerManagers,
    body: createCustomerBody,
    response: { status: 201, schema: customerSchema },
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentCustomer(await createCustomer(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/customers/:id',
    operationId: 'getCustomer',
    summary: 'One customer',
    tags: ['customers'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCustomer,
    response: { status: 200, schema: customerSchema },
    handle: ({ loaded }) => Promise.resolve(presentCustomer(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/customers/:id',
    operationId: 'updateCustomer',
    summary: 'Change a customer (`null` clears a field)',
    tags: ['customers'],
    policy: customerManagers,
    params: idParams,
    load: loadCustomer,
    body: updateCustomerBody,
    response: { status: 200, schema: customerSchema },
    handle: async ({ ctx, actor, loaded, body }) =>
      presentCustomer(await updateCustomer(ctx, actor, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/customers/:id',
    operationId: 'deleteCustomer',
    summary: 'Delete a customer no case is about',
    tags: ['customers'],
    policy: customerManagers,
    params: idParams,
    load: loadCustomer,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteCustomer(ctx, loaded),
  }),
];
