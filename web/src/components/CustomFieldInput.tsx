import { MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { CUSTOM_FIELD_LIMITS } from '../../../contract/constants';
import type { CustomField } from '../api/types';

export type CustomFieldValue = string | number | string[] | null;

/**
 * One custom field of the case type, with its label, as an input of its type (the new case dialog
 * and the edit dialog). An empty input is `null`: the field is left out. `requiredLabelClass` lets a
 * form draw its own required mark on the label.
 */
export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
  requiredLabelClass,
}: {
  field: CustomField;
  value: CustomFieldValue | undefined;
  onChange: (value: CustomFieldValue) => void;
  error?: string | undefined;
  requiredLabelClass?: string;
}) {
  const common = {
    label: field.label,
    required: field.required,
    withAsterisk: false,
    error,
    ...(field.required && requiredLabelClass ? { classNames: { label: requiredLabelClass } } : {}),
  };
  switch (field.type) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          maxLength={CUSTOM_FIELD_LIMITS.textValueMax}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          valueFormat="YYYY-MM-DD"
          clearable
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ? next.slice(0, 10) : null)}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={field.options ?? []}
          clearable={!field.required}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
        />
      );
    case 'multiChoice':
      return (
        <MultiSelect
          {...common}
          data={field.options ?? []}
          clearable
          value={Array.isArray(value) ? value : []}
          onChange={(next) => onChange(next.length > 0 ? next : null)}
        />
      );
    default:
      return null;
  }
}

/** A custom field's value as text, for the case information. */
export function formatCustomFieldValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}
