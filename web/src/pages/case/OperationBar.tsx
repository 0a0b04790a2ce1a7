import { Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types';
import { errorMessage } from '../../components/PageState';
import { useCaseOperation } from './api';
import type { RemarkOperation } from './OperationDialog';

type MenuOperation = RemarkOperation | 'merge' | 'edit';

/**
 * The operation bar of UI.md: Follow (or Unfollow), Urge, Transfer, Suspend or Resume and Close in
 * view, the rest under More; each enabled by the case's `abilities`.
 */
export function OperationBar({
  caseData,
  onOperation,
}: {
  caseData: Case;
  onOperation: (operation: MenuOperation) => void;
}) {
  const { t } = useTranslation();
  const follow = useCaseOperation(caseData.id);
  const { abilities } = caseData;
  const resumable = caseData.state === 'suspended' || caseData.state === 'cancelled';
  const pause: RemarkOperation = resumable ? 'resume' : 'suspend';
  const visible: RemarkOperation[] = ['urge', 'transfer', pause, 'close'];
  const more: MenuOperation[] = ['upgrade', 'downgrade', 'claim', 'cancel', 'restart', 'merge', 'edit'];
  const allowed = (operation: MenuOperation) => abilities[operation];

  const toggleFollow = () => {
    const operation = caseData.followed ? 'unfollow' : 'follow';
    follow.mutate(
      { operation },
      {
        onSuccess: () =>
          notifications.show({
            message: t(operation === 'follow' ? 'caseDetails.followed' : 'caseDetails.unfollowed'),
          }),
        onError: (error) =>
          notifications.show({ color: 'red', message: errorMessage(error, t('common.networkError')) }),
      },
    );
  };

  const followOperation = caseData.followed ? 'unfollow' : 'follow';
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('caseDetails.operations.bar')}>
      <Button
        variant={caseData.followed ? 'light' : 'default'}
        leftSection={
          caseData.followed ? <IconStarFilled size={16} aria-hidden /> : <IconStar size={16} aria-hidden />
        }
        onClick={toggleFollow}
        loading={follow.isPending}
        disabled={!abilities[followOperation]}
      >
        {t(`caseDetails.operations.${followOperation}`)}
      </Button>
      {visible.map((operation) => (
        <Button
          key={operation}
          variant={operation === 'close' ? 'filled' : 'default'}
          onClick={() => onOperation(operation)}
          disabled={!allowed(operation)}
        >
          {t(`caseDetails.operations.${operation}`)}
        </Button>
      ))}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />}>
            {t('caseDetails.operations.more')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {more.map((operation) => (
            <Menu.Item
              key={operation}
              onClick={() => onOperation(operation)}
              disabled={!allowed(operation)}
              color={operation === 'cancel' ? 'red' : undefined}
            >
              {t(`caseDetails.operations.${operation}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
