import type { FieldError } from '../shared/errors.js';
import type { CaseTypeRules, CustomFieldValue } from './case.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(value: CustomFieldValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Checks custom-field values against the case type's definitions: known keys only, each value of its
 * field's type, choices among the options, required fields present. Returns the field errors (as
 * `customFields.<key>`), empty when all is well.
 */
export function customFieldErrors(
  type: CaseTypeRules,
  values: Record<string, CustomFieldValue>,
): FieldError[] {
  const errors: FieldError[] = [];
  const definitions = new Map(type.customFields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!definitions.has(key))
      errors.push({ field: `customFields.${key}`, message: `The case type has no field "${key}".` });
  }
  for (const field of type.customFields) {
    const value = values[field.key];
    const at = `customFields.${field.key}`;
    if (isEmpty(value)) {
      if (field.required) errors.push({ field: at, message: `${field.label} is required.` });
      continue;
    }
    switch (field.type) {
      case 'text':
        if (typeof value !== 'string' || value.length > 2000)
          errors.push({ field: at, message: 'Must be text of at most 2,000 characters.' });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          errors.push({ field: at, message: 'Must be a number.' });
        break;
      case 'date':
        if (
          typeof value !== 'string' ||
          !DATE.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ) {
          errors.push({ field: at, message: 'Must be a date (YYYY-MM-DD).' });
        }
        break;
      case 'choice':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value))
          errors.push({ field: at, message: 'Must be one of the options.' });
        break;
      case 'multiChoice':
        if (
          !Array.isArray(value) ||
          new Set(value).size !== value.length ||
          !value.every((v) => (field.options ?? []).includes(v))
        ) {
          errors.push({ field: at, message: 'Must be distinct options.' });
        }
        break;
      default: {
        const exhaustive: never = field.type;
        throw new Error(`Unknown custom field type ${String(exhaustive)}`);
      }
    }
  }
  return errors;
}
