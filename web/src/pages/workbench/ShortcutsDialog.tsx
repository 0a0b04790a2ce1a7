import { Button, Group, Kbd, Modal, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface ShortcutsDialogProps {
  opened: boolean;
  onClose: () => void;
}

/** The "?" dialog: the workbench's keys. */
export function ShortcutsDialog({ opened, onClose }: ShortcutsDialogProps) {
  const { t } = useTranslation();
  const rows: [string[], string][] = [
    [['j'], t('workbench.shortcuts.next')],
    [['k'], t('workbench.shortcuts.previous')],
    [['Enter'], t('workbench.shortcuts.open')],
    [['/'], t('workbench.shortcuts.search')],
    [['c'], t('workbench.shortcuts.create')],
    [['?'], t('workbench.shortcuts.help')],
    [['Ctrl', 'K'], t('workbench.shortcuts.globalSearch')],
  ];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('workbench.shortcuts.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('workbench.shortcuts.key')}</Table.Th>
            <Table.Th scope="col">{t('workbench.shortcuts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([keys, action]) => (
            <Table.Tr key={keys.join('+')}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {keys.map((key) => (
                    <Kbd key={key}>{key}</Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.back')}
        </Button>
      </Group>
    </Modal>
  );
}
