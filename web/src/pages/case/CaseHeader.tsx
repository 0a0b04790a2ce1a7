import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Case, CaseType } from '../../api/types';
import { PriorityBadge, StateBadge, UpgradedMark } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { StatusStepper } from './StatusStepper';

/** Case number, title with the Upgraded mark, state, process stepper, priority and SLA countdown. */
export function CaseHeader({
  caseData,
  caseType,
  onMoveStatus,
}: {
  caseData: Case;
  caseType: CaseType | undefined;
  onMoveStatus: (status: string) => void;
}) {
  const { t } = useTranslation();
  const dueAt = caseData.sla?.dueAt ?? caseData.dueAt;
  const running = caseData.state === 'open';
  return (
    <Stack gap="sm">
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        <Text span inherit c="dimmed">
          {t('caseDetails.caseNo', { no: caseData.caseNo })}
        </Text>{' '}
        {caseData.upgraded && <UpgradedMark />}
        {caseData.title}
      </Title>
      <Group gap="md" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('caseDetails.header.state')}
          </Text>
          <StateBadge state={caseData.state} />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('caseDetails.header.priority')}
          </Text>
          <PriorityBadge priority={caseData.priority} />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('caseDetails.header.sla')}
          </Text>
          {dueAt ? (
            <>
              <DueCountdown dueAt={dueAt} running={running} />
              {caseData.state === 'suspended' && (
                <Text size="xs" c="dimmed">
                  {t('caseDetails.header.slaPaused')}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm">{t('caseDetails.header.noSla')}</Text>
          )}
        </Group>
      </Group>
      <StatusStepper caseData={caseData} caseType={caseType} onMove={onMoveStatus} />
    </Stack>
  );
}
