import { Fieldset, Stack, Text, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Inputs edited together as one list (statuses, custom fields, opening hours, …): a hint on what
 * it takes first, the message for the list as a whole last.
 */
export function EditorFieldset({
  legend,
  hint,
  gap = 'sm',
  error,
  children,
}: {
  legend: string;
  hint: string;
  gap?: MantineSpacing;
  error?: string;
  children: ReactNode;
}) {
  return (
    <Fieldset legend={legend} variant="filled">
      <Stack gap={gap}>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {children}
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
