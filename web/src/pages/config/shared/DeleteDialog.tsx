import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/client';
import { ProblemAlert } from './errors';

export interface DeleteTarget {
  /** The resource path, e.g. /api/v1/queues/{id}. */
  path: string;
  name: string;
}

/**
 * Asks before deleting, and shows the server's refusal (409 `in_use` and the like) in words inside
 * the dialog. `confirmLabel` names the action when it is not a deletion (e.g. revoking a token).
 */
export function DeleteDialog({
  target,
  onClose,
  invalidate,
  title,
  message,
  confirmLabel,
  doneMessage,
}: {
  target: DeleteTarget | null;
  onClose: () => void;
  invalidate: readonly QueryKey[];
  title?: string;
  message?: string;
  confirmLabel?: string;
  doneMessage?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The last target stays named while the dialog fades out.
  const [shown, setShown] = useState<DeleteTarget | null>(target);
  if (target !== null && target !== shown) setShown(target);
  const mutation = useMutation({
    mutationFn: (path: string) => apiRequest<undefined>(path, { method: 'DELETE' }),
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      notifications.show({ color: 'green', message: doneMessage ?? t('config.common.deleted') });
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={title ?? t('config.common.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Stack>
        <Text size="sm">{message ?? t('config.common.deleteQuestion', { name: shown?.name ?? '' })}</Text>
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.back')}
          </Button>
          <Button
            color="red"
            loading={mutation.isPending}
            onClick={() => {
              if (target) mutation.mutate(target.path);
            }}
          >
            {confirmLabel ?? t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
