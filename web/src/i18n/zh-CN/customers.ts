import type { Catalogue } from '../catalogue';
import type { customers as en } from '../en/customers';

export const customers: Catalogue<typeof en> = {
  title: '客户',
};
