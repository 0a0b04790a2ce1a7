import { Avatar, Button, Group, Menu, Modal, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../api/client';
import { useSession } from '../auth/session';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Berlin', 'Asia/Shanghai', 'America/New_York'];
  }
}

export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const [zoneOpen, zoneDialog] = useDisclosure(false);
  const [zone, setZone] = useState<string | null>(session.timeZone);
  const [saving, setSaving] = useState(false);
  const zones = useMemo(timeZones, []);
  const name = session.me.user.name;

  async function saveZone() {
    setSaving(true);
    try {
      await apiRequest('/api/v1/me', { method: 'PATCH', body: { timeZone: zone } });
      await session.refresh();
      zoneDialog.close();
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('nav.userMenu')}>
            <Group gap={6} wrap="nowrap">
              <Avatar size="sm" radius="xl" color="blue">
                {name.slice(0, 1).toUpperCase()}
              </Avatar>
              <Text size="sm" visibleFrom="sm">
                {name}
              </Text>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.me.user.email}</Menu.Label>
          <Menu.Item onClick={zoneDialog.open}>
            {t('nav.timeZone')}: {session.timeZone}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => void session.signOut()}>
            {t('nav.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={zoneOpen} onClose={zoneDialog.close} title={t('nav.timeZone')} centered>
        <Stack>
          <Select label={t('nav.timeZone')} data={zones} value={zone} onChange={setZone} searchable />
          <Group justify="flex-end">
            <Button variant="default" onClick={zoneDialog.close}>
              {t('common.back')}
            </Button>
            <Button onClick={() => void saveZone()} loading={saving} disabled={!zone}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
