import type { Language } from '../../../contract/common.js';
import type { Permission } from '../../../contract/permissions.js';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLanguage: Language;
  ouIsolation: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Ou {
  tenantId: string;
  id: string;
  name: string;
  parentId: string | null;
  leaderIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  tenantId: string;
  id: string;
  name: string;
  permissions: Permission[];
  createdAt: string;
  updatedAt: string;
}

export interface User {
  tenantId: string;
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  ouId: string;
  phone: string | null;
  tenantAdmin: boolean;
  disabled: boolean;
  language: Language | null;
  timeZone: string | null;
  roleIds: string[];
  createdAt: string;
  updatedAt: string;
}
