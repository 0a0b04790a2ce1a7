import { Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import { directoryKeys, useUsers } from '../../api/directory';
import type { Page, Permission, PermissionCatalogue, Role } from '../../api/types';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { configKeys } from './shared/data';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, fieldErrorsUnder, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions, StatusBadge } from './shared/PageParts';
import { REQUIRED } from './shared/forms';

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
  role,
  catalogue,
  opened,
  onClose,
}: {
  role: Role | null;
  catalogue: readonly CatalogueItem[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const validation = useValidation(() =>
    name.trim() === '' ? [{ field: 'name', message: t('config.form.required') }] : [],
  );
  const save = useSave<Role>(INVALIDATE, onClose);
  const error = validation.error ?? save.error;
  const casePermissions = catalogue.filter((item) => item.name.startsWith('case.'));
  const otherPermissions = catalogue.filter((item) => !item.name.startsWith('case.'));
  const known = new Set<string>(catalogue.map((item) => item.name));

  const submit = () => {
    if (!validation.check()) return;
    const body = {
      name: name.trim(),
      permissions: permissions.filter((p): p is Permission => known.has(p)),
    };
    save.mutate(
      role
        ? { path: `/api/v1/roles/${role.id}`, method: 'PATCH', body }
        : { path: '/api/v1/roles', method: 'POST', body },
    );
  };

  const permissionError = fieldErrorsUnder(error, 'permissions').join(' ') || undefined;
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
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
      size="xl"
    >
      <TextInput
        label={t('config.roles.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.nameMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'name')}
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
  const roles = useQuery({
    queryKey: configKeys.roles,
    queryFn: async () => (await apiRequest<Page<Role>>('/api/v1/roles')).items,
  });
  const catalogue = usePermissionCatalogue();
  const users = useUsers().data;
  const editor = useEditor<Role>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
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

  const pending = roles.isPending || catalogue.isPending;
  const failed = roles.error ?? catalogue.error;
  return (
    <Stack>
      <PageHeader
        title={t('config.pages.roles')}
        description={t('config.roles.intro')}
        action={<NewButton label={t('config.roles.new')} onClick={editor.openNew} />}
      />
      {pending ? (
        <LoadingSkeleton />
      ) : failed ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            void roles.refetch();
            void catalogue.refetch();
          }}
        />
      ) : (roles.data ?? []).length === 0 ? (
        <EmptyState message={t('config.roles.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.roles')}
          head={
            <>
              <Table.Th>{t('config.roles.name')}</Table.Th>
              <Table.Th>{t('config.roles.permissions')}</Table.Th>
              <Table.Th>{t('config.roles.holders')}</Table.Th>
              <ActionsHead />
            </>
          }
        >
          {(roles.data ?? []).map((role) => (
            <Table.Tr key={role.id} onClick={() => editor.openEdit(role)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {role.name}
                </Text>
              </Table.Td>
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
              <RowActions
                name={role.name}
                onEdit={() => editor.openEdit(role)}
                onDelete={() => setDeleting({ path: `/api/v1/roles/${role.id}`, name: role.name })}
              />
            </Table.Tr>
          ))}
        </ConfigTable>
      )}
      <RoleForm
        key={editor.seq}
        role={editor.item}
        catalogue={catalogue.data?.items ?? []}
        opened={editor.opened}
        onClose={editor.close}
      />
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={INVALIDATE} />
    </Stack>
  );
}
