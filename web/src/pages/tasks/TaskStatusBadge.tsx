import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from './taskApi';

const COLORS: Record<TaskStatus, string> = { pending: 'gray', processing: 'blue', completed: 'green' };

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" autoContrast data-status={status}>
      {t(`enums.taskStatus.${status}`)}
    </Badge>
  );
}
