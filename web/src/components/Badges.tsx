import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState, Priority } from '../api/types';

const STATE_COLORS: Record<CaseState, string> = {
  open: 'blue',
  suspended: 'yellow',
  cancelled: 'gray',
  closed: 'green',
  merged: 'grape',
};

const PRIORITY_COLORS: Record<Priority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export function StateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" autoContrast>
      {t(`enums.state.${state}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="outline" autoContrast>
      {t(`enums.priority.${priority}`)}
    </Badge>
  );
}

/** The mark before an upgraded case's title (UI.md). */
export function UpgradedMark() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="xs" mr={6} autoContrast>
      {t('common.upgraded')}
    </Badge>
  );
}
