import type { z } from 'zod';
import type { customerSchema } from '../../../contract/customers.js';
import type { Customer } from './customer.js';

export function presentCustomer(customer: Customer): z.infer<typeof customerSchema> {
  return {
    id: customer.id,
    name: customer.name,
    gender: customer.gender,
    phones: customer.phones,
    email: customer.email,
    company: customer.company,
    address: customer.address,
    remark: customer.remark,
    ouId: customer.ouId,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}
