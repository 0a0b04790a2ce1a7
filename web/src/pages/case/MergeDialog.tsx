import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StateBadge } from '../../components/Badges';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import type { Case } from '../../api/types';
import { useCaseOperation, useMergeCandidates } from './api';
import { RemarkField } from './RemarkField';
import { ServerError } from './ServerError';

export const MERGE_MAX = 10;

/** Merge: the customer's other open cases as checkboxes (at most 10) → POST …/merge {caseIds}. */
export function MergeDialog({
  caseData,
  opened,
  onClose,
}: {
  caseData: Case;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('caseDetails.associated.mergeTitle')}
      withCloseButton={false}
      centered
      size="lg"
    >
      {opened && <MergeForm caseData={caseData} onClose={onClose} />}
    </Modal>
  );
}

function MergeForm({ caseData, onClose }: { caseData: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const candidates = useMergeCandidates(caseData.id, caseData.customerId, true);
  const mutation = useCaseOperation(caseData.id);
  // The version the user saw when the dialog opened: a change since then is a conflict to resolve.
  const [version, setVersion] = useState(caseData.version);
  const [chosen, setChosen] = useState<string[]>([]);
  const [remark, setRemark] = useState('');
  const [touched, setTouched] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (chosen.length === 0) return;
    const body: Record<string, unknown> = { caseIds: chosen };
    if (remark.trim()) body.remark = remark;
    mutation.mutate(
      { operation: 'merge', body, version },
      {
        onSuccess: () => {
          notifications.show({ message: t('caseDetails.associated.merged'), color: 'green' });
          onClose();
        },
      },
    );
  };

  const items = candidates.data ?? [];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('caseDetails.associated.mergeHint')}</Text>
        {candidates.isPending ? (
          <LoadingSkeleton rows={3} />
        ) : candidates.isError ? (
          <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('caseDetails.associated.candidatesEmpty')}
          </Text>
        ) : (
          <Checkbox.Group
            label={t('caseDetails.associated.candidates')}
            description={t('caseDetails.associated.selected', { count: chosen.length })}
            value={chosen}
            onChange={setChosen}
            error={touched && chosen.length === 0 ? t('caseDetails.associated.chooseOne') : undefined}
          >
            <ScrollArea.Autosize mah={320} mt="xs" type="auto">
              <Stack gap="xs">
                {items.map((item) => (
                  <Group key={item.id} gap="xs" wrap="nowrap" justify="space-between">
                    <Checkbox
                      value={item.id}
                      label={`#${item.caseNo} ${item.title}`}
                      disabled={chosen.length >= MERGE_MAX && !chosen.includes(item.id)}
                    />
                    <Group gap={4} wrap="nowrap">
                      <Text size="xs" c="dimmed">
                        {item.status}
                      </Text>
                      <StateBadge state={item.state} />
                    </Group>
                  </Group>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Checkbox.Group>
        )}
        <RemarkField value={remark} onChange={setRemark} />
        <ServerError
          error={mutation.error}
          caseId={caseData.id}
          onReloaded={(latest) => {
            mutation.reset();
            if (latest) setVersion(latest.version);
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('caseDetails.dialog.back')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={items.length === 0}>
            {t('caseDetails.associated.merge')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
