import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../../api/directory';
import type { Case, CaseListItem } from '../../../api/types';
import { StateBadge, UpgradedMark } from '../../../components/Badges';
import { EmptyState } from '../../../components/PageState';
import { useAssociated } from '../api';
import { MergeDialog } from '../MergeDialog';
import { QueryState } from '../QueryState';

function CaseRows({ items }: { items: CaseListItem[] }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('caseDetails.info.caseNo')}</Table.Th>
            <Table.Th>{t('caseDetails.info.title')}</Table.Th>
            <Table.Th>{t('caseDetails.info.state')}</Table.Th>
            <Table.Th>{t('caseDetails.info.status')}</Table.Th>
            <Table.Th>{t('caseDetails.info.owner')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${item.id}`} size="sm">
                  {t('caseDetails.caseNo', { no: item.caseNo })}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {item.upgraded && <UpgradedMark />}
                <Anchor component={Link} to={`/cases/${item.id}`} size="sm">
                  {item.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StateBadge state={item.state} />
              </Table.Td>
              <Table.Td>{item.status}</Table.Td>
              <Table.Td>{names.user(item.ownerId) ?? names.queue(item.queueId) ?? t('common.none')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Associated Case: the case this one was merged into, the cases merged into it, and Merge. */
export function AssociatedTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const associated = useAssociated(caseData.id);
  const [merging, setMerging] = useState(false);
  const canMerge = caseData.abilities.merge;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('caseDetails.associated.mergeHint')}
        </Text>
        <Button onClick={() => setMerging(true)} disabled={!canMerge}>
          {t('caseDetails.associated.merge')}
        </Button>
      </Group>
      <QueryState
        query={associated}
        skeletonRows={3}
        isEmpty={!associated.data?.mainCase && associated.data?.mergedCases.length === 0}
        empty={<EmptyState message={t('caseDetails.associated.empty')} />}
      >
        {({ mainCase, mergedCases }) => (
          <Stack gap="lg">
            {mainCase && (
              <Stack gap="xs" component="section" aria-labelledby="associated-main">
                <Title order={3} size="h5" id="associated-main">
                  {t('caseDetails.associated.mainCase')}
                </Title>
                <CaseRows items={[mainCase]} />
              </Stack>
            )}
            {mergedCases.length > 0 && (
              <Stack gap="xs" component="section" aria-labelledby="associated-merged">
                <Title order={3} size="h5" id="associated-merged">
                  {t('caseDetails.associated.mergedCases')}
                </Title>
                <CaseRows items={mergedCases} />
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
      <MergeDialog caseData={caseData} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}
