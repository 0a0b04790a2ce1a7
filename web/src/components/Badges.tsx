import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState, Priority } from '../api/types';

// Filled badges in shades dark enough for white text at WCAG AA (autoContrast turns the text black
// on the light yellow).
const STATE_COLORS: Record<CaseState, string> = {
  open: 'blue.8',
  suspended: 'yellow.4',
  cancelled: 'gray.7',
  closed: 'teal.9',
  merged: 'grape.8',
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
    <Badge color={STATE_COLORS[state]} variant="filled" autoContrast>
      {t(`enums.state.${state}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="dot">
      {t(`enums.priority.${priority}`)}
    </Badge>
  );
}

/** The mark before an upgraded case's title (UI.md). */
export function UpgradedMark() {
  const { t } = useTranslation();
  return (
    <Badge color="red.9" variant="filled" size="xs" mr={6} autoContrast>
      {t('common.upgraded')}
    </Badge>
  );
}
