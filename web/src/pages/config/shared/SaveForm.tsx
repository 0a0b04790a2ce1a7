import { Button, Group, Stack, Text, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './errors';
import type { SaveState } from './useSaveResource';

/**
 * A form that saves: its fields, the refusal in words (field errors the inputs show are left out
 * of the alert), and the buttons with "Save" last. The browser's own checks are off: the form's
 * and the server's messages are the ones shown.
 */
export function SaveForm({
  onSubmit,
  form,
  shownFields,
  gap,
  onBack,
  extraActions,
  note,
  children,
}: {
  onSubmit: () => void;
  form: SaveState;
  /** Fields (by path prefix) that show their errors next to an input. */
  shownFields?: readonly string[];
  gap?: MantineSpacing;
  /** A "Back" button before "Save" (in dialogs). */
  onBack?: () => void;
  /** Buttons before Back and Save (for example "Preview"). */
  extraActions?: ReactNode;
  /** A line at the start of the button row (e.g. when it was last saved). */
  note?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap={gap}>
        {children}
        <ProblemAlert error={form.error} shownFields={shownFields} />
        {/* A dialog's buttons stand closer together than a page's. */}
        <Group justify={note ? 'space-between' : 'flex-end'} gap={onBack ? 'sm' : undefined}>
          {note && (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          )}
          {extraActions}
          {onBack && (
            <Button variant="default" onClick={onBack}>
              {t('common.back')}
            </Button>
          )}
          <Button type="submit" loading={form.saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
