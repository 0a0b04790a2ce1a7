import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, CaseType } from '../../api/types';
import { PriorityBadge, StateBadge, UpgradedMark } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { StatusStepper } from './StatusStepper';

/** One fact beside its dimmed label. */
function HeaderFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Group>
  );
}

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
        <HeaderFact label={t('caseDetails.header.state')}>
          <StateBadge state={caseData.state} />
        </HeaderFact>
        <HeaderFact label={t('caseDetails.header.priority')}>
          <PriorityBadge priority={caseData.priority} />
        </HeaderFact>
        <HeaderFact label={t('caseDetails.header.sla')}>
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
        </HeaderFact>
      </Group>
      <StatusStepper caseData={caseData} caseType={caseType} onMove={onMoveStatus} />
    </Stack>
  );
}
