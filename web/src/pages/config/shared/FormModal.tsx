import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './errors';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  saving: boolean;
  /** A refusal (the server's or the form's own), shown in an alert above the buttons. */
  error: unknown;
  /** Fields (by path prefix) that show their errors next to an input. */
  shownFields?: readonly string[];
  size?: string;
  children: ReactNode;
  /** Buttons shown before Back and Save (for example "Preview"). */
  extraActions?: ReactNode;
}

/** A form in a dialog: the fields, the refusal in words, and "Back" / "Save". */
export function FormModal({
  opened,
  onClose,
  title,
  onSubmit,
  saving,
  error,
  shownFields,
  size = 'lg',
  children,
  extraActions,
}: FormModalProps) {
  const { t } = useTranslation();
  const small = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={small}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!saving) onSubmit();
        }}
      >
        <Stack gap="md">
          {children}
          <ProblemAlert error={error} shownFields={shownFields} />
          <Group justify="flex-end" gap="sm">
            {extraActions}
            <Button variant="default" onClick={onClose}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
