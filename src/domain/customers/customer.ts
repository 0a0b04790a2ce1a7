import type { GENDERS } from '../../../contract/customers.js';

export type Gender = (typeof GENDERS)[number];

export interface Customer {
  tenantId: string;
  id: string;
  name: string;
  gender: Gender | null;
  /** Up to three numbers, in the order given. */
  phones: string[];
  email: string | null;
  company: string | null;
  address: string | null;
  remark: string | null;
  /** Without an OU the customer is visible to everyone of the tenant, OU isolation or not. */
  ouId: string | null;
  createdAt: string;
  updatedAt: string;
}
