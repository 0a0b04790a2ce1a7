import { Checkbox, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StateBadge } from '../../components/Badges';
import type { Case } from '../../api/types';
import { useCaseOperation, useMergeCandidates } from './api';
import { CaseDialog, DialogActions } from './CaseDialog';
import { QueryState } from './QueryState';
import { RemarkField } from './RemarkField';
import { ServerError } from './ServerError';
import { useSeenVersion } from './useSeenVersion';

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
    <CaseDialog opened={opened} onClose={onClose} title={t('caseDetails.associated.mergeTitle')} size="lg">
      {opened && <MergeForm caseData={caseData} onClose={onClose} />}
    </CaseDialog>
  );
}

function MergeForm({ caseData, onClose }: { caseData: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const candidates = useMergeCandidates(caseData.id, caseData.customerId, true);
  const mutation = useCaseOperation(caseData.id);
  const { version, onReloaded } = useSeenVersion(caseData, mutation);
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
        <QueryState
          query={candidates}
          skeletonRows={3}
          isEmpty={items.length === 0}
          empty={
            <Text c="dimmed" size="sm">
              {t('caseDetails.associated.candidatesEmpty')}
            </Text>
          }
        >
          {() => (
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
        </QueryState>
        <RemarkField value={remark} onChange={setRemark} />
        <ServerError error={mutation.error} caseId={caseData.id} onReloaded={onReloaded} />
        <DialogActions
          onBack={onClose}
          confirmLabel={t('caseDetails.associated.merge')}
          pending={mutation.isPending}
          disabled={items.length === 0}
        />
      </Stack>
    </form>
  );
}
