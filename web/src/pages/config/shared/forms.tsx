import { Stack, Switch, Text, type SwitchProps } from '@mantine/core';
import { useId } from 'react';

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
