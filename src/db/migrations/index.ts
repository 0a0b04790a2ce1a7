import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_cases.js';
import * as m0003 from './0003_case_details.js';
import * as m0004 from './0004_notifications_sla.js';
import * as m0005 from './0005_workbench_indexes.js';
import * as m0006 from './0006_search_scaling.js';

/**
 * Every migration, in order. Listed here rather than discovered from the folder so that the same list
 * serves tsx in development and compiled JavaScript in production. A landed migration is never edited:
 * add the next number instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_cases': m0002,
  '0003_case_details': m0003,
  '0004_notifications_sla': m0004,
  '0005_workbench_indexes': m0005,
  '0006_search_scaling': m0006,
};
