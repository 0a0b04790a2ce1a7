import { Badge, Button, Group, Stack, Table, Text, Title, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A configuration page's heading, a line of what it is for, and its main action. */
function PageHeader({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <Stack gap={2} style={{ flex: '1 1 16rem' }}>
        <Title order={2}>{title}</Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {action}
    </Group>
  );
}

/** A configuration page: the header (with its main action, if any) above the content. */
export function ConfigPage({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack>
      <PageHeader title={title} description={description} action={action} />
      {children}
    </Stack>
  );
}

/** "Edit" and "Delete" at the end of a row; the row itself also opens the editor on click. */
export function RowActions({
  name,
  onEdit,
  onDelete,
  children,
}: {
  name: string;
  onEdit?: () => void;
  onDelete?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table.Td
      onClick={(event) => {
        event.stopPropagation();
      }}
    >
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {children}
        {onEdit && (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={onEdit}
            aria-label={t('config.common.editNamed', { name })}
          >
            {t('common.edit')}
          </Button>
        )}
        {onDelete && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={onDelete}
            aria-label={t('config.common.deleteNamed', { name })}
          >
            {t('common.delete')}
          </Button>
        )}
      </Group>
    </Table.Td>
  );
}

/** A table that scrolls sideways on a phone instead of squeezing its columns. */
export function ConfigTable({
  caption,
  minWidth = 640,
  head,
  children,
}: {
  caption: string;
  minWidth?: number;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A new-item button for the page header ("New case type"). */
export function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return <Button onClick={onClick}>{label}</Button>;
}

/** The head cell over the row actions, named for screen readers. */
export function ActionsHead() {
  const { t } = useTranslation();
  return (
    <Table.Th>
      <Text span size="sm" fw={700} style={{ display: 'block', textAlign: 'right' }}>
        {t('config.common.actions')}
      </Text>
    </Table.Th>
  );
}

/** A short state word in a list (Enabled, Active, Failed); never cut off in a narrow column. */
export function StatusBadge({ children, ...props }: BadgeProps & { children: ReactNode }) {
  return (
    <Badge variant="light" tt="none" fw={600} style={{ minWidth: 'max-content' }} {...props}>
      {children}
    </Badge>
  );
}

/** A yes/no state in a list: green when on (Enabled, Active), grey when off. */
export function OnOffBadge({ on, onLabel, offLabel }: { on: boolean; onLabel: string; offLabel: string }) {
  return on ? (
    <StatusBadge color="green" variant="light">
      {onLabel}
    </StatusBadge>
  ) : (
    <StatusBadge color="gray" variant="light">
      {offLabel}
    </StatusBadge>
  );
}
