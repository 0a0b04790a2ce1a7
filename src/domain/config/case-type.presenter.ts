import type { z } from 'zod';
import type { caseTypeSchema } from '../../../contract/config.js';
import type { CaseType } from './case-type.js';

export function presentCaseType(type: CaseType): z.infer<typeof caseTypeSchema> {
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    parentId: type.parentId,
    ouId: type.ouId,
    process: type.process,
    strictOrder: type.strictOrder,
    verifyTasks: type.verifyTasks,
    enabled: type.enabled,
    customFields: type.customFields.map((field) => ({
      key: field.key,
      label: field.label,
      type: field.type,
      ...(field.options ? { options: field.options } : {}),
      required: field.required,
    })),
    createdAt: type.createdAt,
    updatedAt: type.updatedAt,
  };
}
