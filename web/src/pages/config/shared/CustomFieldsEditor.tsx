import { Button, Checkbox, Group, Select, SimpleGrid, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_LIMITS, CUSTOM_FIELD_TYPES } from '../../../../../contract/constants';
import { fieldError, fieldErrorsUnder } from './errors';
import { REQUIRED } from './forms';
import { EditorFieldset } from './EditorFieldset';
import { ItemCard, OrderButtons, moved } from './OrderedList';

export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDraft {
  /** A stable key for React while the field's own key is being typed. */
  uid: number;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
}

export const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,31}$/;
const KEY_MAX = 32;

export function hasOptions(type: CustomFieldType): boolean {
  return type === 'choice' || type === 'multiChoice';
}

function isFieldType(value: string | null): value is CustomFieldType {
  return value !== null && (CUSTOM_FIELD_TYPES as readonly string[]).includes(value);
}

/** The custom fields of a case type: key, label, type, options of choice types, required. */
export function CustomFieldsEditor({
  fields,
  onChange,
  error,
  nextUid,
}: {
  fields: readonly CustomFieldDraft[];
  onChange: (fields: CustomFieldDraft[]) => void;
  /** The save's refusal, whose `customFields.N.…` errors are shown at their inputs. */
  error: unknown;
  nextUid: () => number;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<CustomFieldDraft>) =>
    onChange(fields.map((field, i) => (i === index ? { ...field, ...patch } : field)));
  const move = (index: number, by: -1 | 1) => {
    const next = moved(fields, index, by);
    if (next) onChange(next);
  };
  const full = fields.length >= CUSTOM_FIELD_LIMITS.maxFields;
  const listErrors = fieldError(error, 'customFields');

  return (
    <EditorFieldset
      legend={t('config.customFields.legend')}
      hint={t('config.customFields.hint', { max: CUSTOM_FIELD_LIMITS.maxFields })}
      error={listErrors}
    >
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('config.customFields.none')}
        </Text>
      )}
      {fields.map((field, index) => {
        const path = `customFields.${index}`;
        const title =
          field.label.trim() || field.key.trim() || t('config.customFields.untitled', { n: index + 1 });
        return (
          <ItemCard
            key={field.uid}
            label={t('config.customFields.fieldLabel', { n: index + 1 })}
            title={
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {index + 1}. {title}
              </Text>
            }
            controls={
              <OrderButtons
                index={index}
                count={fields.length}
                onMove={(by) => move(index, by)}
                onRemove={() => onChange(fields.filter((_, i) => i !== index))}
                labels={{
                  up: t('config.customFields.moveUp', { name: title }),
                  down: t('config.customFields.moveDown', { name: title }),
                  remove: t('config.customFields.remove', { name: title }),
                }}
              />
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('config.customFields.key')}
                description={t('config.customFields.keyHint')}
                value={field.key}
                onChange={(event) => update(index, { key: event.currentTarget.value })}
                maxLength={KEY_MAX}
                {...REQUIRED}
                error={fieldError(error, `${path}.key`)}
              />
              <TextInput
                label={t('config.customFields.label')}
                description={t('config.customFields.labelHint')}
                value={field.label}
                onChange={(event) => update(index, { label: event.currentTarget.value })}
                maxLength={CUSTOM_FIELD_LIMITS.labelMax}
                {...REQUIRED}
                error={fieldError(error, `${path}.label`)}
              />
              <Select
                label={t('config.customFields.type')}
                description={t('config.customFields.typeHint')}
                data={CUSTOM_FIELD_TYPES.map((value) => ({
                  value,
                  label: t(`config.customFields.types.${value}`),
                }))}
                value={field.type}
                onChange={(value) => {
                  if (isFieldType(value)) update(index, { type: value });
                }}
                allowDeselect={false}
                {...REQUIRED}
                error={fieldError(error, `${path}.type`)}
              />
            </SimpleGrid>
            {hasOptions(field.type) && (
              <TagsInput
                label={t('config.customFields.options')}
                description={t('config.customFields.optionsHint', {
                  max: CUSTOM_FIELD_LIMITS.maxOptions,
                  chars: CUSTOM_FIELD_LIMITS.optionMax,
                })}
                value={field.options}
                onChange={(options) =>
                  update(index, {
                    options: options
                      .map((option) => option.trim().slice(0, CUSTOM_FIELD_LIMITS.optionMax))
                      .filter((option) => option !== ''),
                  })
                }
                maxTags={CUSTOM_FIELD_LIMITS.maxOptions}
                maxLength={CUSTOM_FIELD_LIMITS.optionMax}
                acceptValueOnBlur
                clearable
                {...REQUIRED}
                error={fieldErrorsUnder(error, `${path}.options`).join(' ') || undefined}
              />
            )}
            <Checkbox
              label={t('config.customFields.required')}
              checked={field.required}
              onChange={(event) => update(index, { required: event.currentTarget.checked })}
            />
            {fieldError(error, path) && (
              <Text size="sm" c="red">
                {fieldError(error, path)}
              </Text>
            )}
          </ItemCard>
        );
      })}
      <Group>
        <Button
          variant="light"
          disabled={full}
          onClick={() =>
            onChange([
              ...fields,
              { uid: nextUid(), key: '', label: '', type: 'text', options: [], required: false },
            ])
          }
        >
          {t('config.customFields.add')}
        </Button>
      </Group>
    </EditorFieldset>
  );
}
