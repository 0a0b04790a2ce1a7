import { Checkbox, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client';
import { directoryKeys, useUsers } from '../../api/directory';
import type { Permission, PermissionCatalogue, Role } from '../../api/types';
import { configKeys, useRoles } from './shared/data';
import { requiredFields } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { NameInput } from './shared/forms';
import { StatusBadge } from './shared/PageParts';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'permissions'];
const INVALIDATE = [configKeys.roles, directoryKeys.users];

type CatalogueItem = PermissionCatalogue['items'][number];

function usePermissionCatalogue() {
  return useQuery({
    queryKey: configKeys.permissions,
    queryFn: () => apiRequest<PermissionCatalogue>('/api/v1/permissions'),
    staleTime: Infinity,
  });
}

/** A permission's label in the UI language (the catalogue carries English and Chinese). */
function useLabel() {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return useCallback((item: CatalogueItem) => (zh ? item.label.zh : item.label.en), [zh]);
}

function RoleForm({
  item: role,
  catalogue,
  opened,
  onClose,
}: ResourceFormProps<Role> & { catalogue: readonly CatalogueItem[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const form = useSaveResource<Role>({
    collection: '/api/v1/roles',
    item: role,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate: () => requiredFields({ name }, t('config.form.required')),
  });
  const casePermissions = catalogue.filter((item) => item.name.startsWith('case.'));
  const otherPermissions = catalogue.filter((item) => !item.name.startsWith('case.'));
  const known = new Set<string>(catalogue.map((item) => item.name));

  const submit = () => {
    if (!form.check()) return;
    form.save({
      name: name.trim(),
      permissions: permissions.filter((p): p is Permission => known.has(p)),
    });
  };

  const permissionError = form.fieldErrorsUnder('permissions').join(' ') || undefined;
  const group = (title: string, items: readonly CatalogueItem[]) => (
    <Checkbox.Group
      label={title}
      value={permissions.filter((p) => items.some((item) => item.name === p))}
      onChange={(values) => {
        const others = permissions.filter((p) => !items.some((item) => item.name === p));
        setPermissions([...others, ...values]);
      }}
    >
      <Stack gap={6} mt={6}>
        {items.map((item) => (
          <Checkbox key={item.name} value={item.name} label={label(item)} description={item.name} />
        ))}
      </Stack>
    </Checkbox.Group>
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={role ? t('config.roles.editTitle', { name: role.name }) : t('config.roles.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
      size="xl"
    >
      <NameInput
        label={t('config.roles.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {group(t('config.roles.casePermissions'), casePermissions)}
        {group(t('config.roles.otherPermissions'), otherPermissions)}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('config.roles.queryAllHint')}
      </Text>
      {permissionError && (
        <Text size="sm" c="red" role="alert">
          {permissionError}
        </Text>
      )}
    </FormModal>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const users = useUsers().data;
  const labels = useMemo(
    () => new Map((catalogue.data?.items ?? []).map((item) => [item.name as string, label(item)])),
    [catalogue.data, label],
  );
  const holders = useMemo(() => {
    const counts = new Map<string, number>();
    for (const user of users ?? [])
      for (const id of user.roleIds ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [users]);
  // The list shows the permissions' labels: it waits for the catalogue as well as for the roles.
  const failed = roles.error ?? catalogue.error;
  const rolesAndCatalogue = {
    isPending: roles.isPending || catalogue.isPending,
    isError: failed !== null,
    error: failed,
    data: roles.data,
    refetch: () => Promise.all([roles.refetch(), catalogue.refetch()]),
  };

  return (
    <ResourceListPage
      title={t('config.pages.roles')}
      description={t('config.roles.intro')}
      newLabel={t('config.roles.new')}
      emptyMessage={t('config.roles.empty')}
      query={rolesAndCatalogue}
      head={
        <>
          <Table.Th>{t('config.roles.name')}</Table.Th>
          <Table.Th>{t('config.roles.permissions')}</Table.Th>
          <Table.Th>{t('config.roles.holders')}</Table.Th>
        </>
      }
      cells={(role) => (
        <>
          <NameCell name={role.name} />
          <Table.Td>
            <Group gap={4}>
              {role.permissions.length === 0
                ? t('common.none')
                : role.permissions.map((p) => (
                    <StatusBadge key={p} variant="light" color="gray" tt="none">
                      {labels.get(p) ?? p}
                    </StatusBadge>
                  ))}
            </Group>
          </Table.Td>
          <Table.Td>{holders.get(role.id) ?? 0}</Table.Td>
        </>
      )}
      deletePath={(role) => `/api/v1/roles/${role.id}`}
      invalidate={INVALIDATE}
      form={(props) => <RoleForm {...props} catalogue={catalogue.data?.items ?? []} />}
    />
  );
}
