import {
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  type MultiSelectProps,
  type PasswordInputProps,
  type SelectProps,
  type SwitchProps,
} from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../contract/constants';

/**
 * Props of a required input: `required` for the browser and assistive technology, and the mark
 * drawn by CSS (Mantine's own asterisk would become part of the label's text).
 */
export const REQUIRED = {
  required: true,
  withAsterisk: false,
  classNames: { label: 'cd-required' },
} as const;

/** A switch whose accessible name is just its label; the description is linked, not part of it. */
export function SwitchField({
  description,
  error,
  ...props
}: Omit<SwitchProps, 'description' | 'error'> & { description?: string; error?: string }) {
  const id = useId();
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <Stack gap={2}>
      <Switch {...props} aria-describedby={describedBy || undefined} />
      {description && (
        <Text id={`${id}-description`} size="xs" c="dimmed" pl={46}>
          {description}
        </Text>
      )}
      {error && (
        <Text id={`${id}-error`} size="xs" c="red" pl={46}>
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** The required name of the item a dialog edits: its first field, focused when the dialog opens. */
export function NameInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      maxLength={LIMITS.nameMax}
      {...REQUIRED}
      data-autofocus
      error={error}
    />
  );
}

/** A searchable choice that may be left empty (the placeholder says what empty means). */
export function OptionalSelect(props: SelectProps) {
  const { t } = useTranslation();
  return <Select searchable clearable nothingFoundMessage={t('config.common.nothingFound')} {...props} />;
}

/** A searchable choice that must be made and cannot be taken back to none. */
export function RequiredSelect(props: SelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      searchable
      {...REQUIRED}
      allowDeselect={false}
      nothingFoundMessage={t('config.common.nothingFound')}
      {...props}
    />
  );
}

/** A searchable choice of several (members, leaders, roles) that may be left empty. */
export function OptionalMultiSelect(props: MultiSelectProps) {
  const { t } = useTranslation();
  return (
    <MultiSelect searchable clearable nothingFoundMessage={t('config.common.nothingFound')} {...props} />
  );
}

/** A write-only secret (password, auth header) whose show/hide button is named. */
export function SecretInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('config.common.showHide') }} {...props} />
  );
}
