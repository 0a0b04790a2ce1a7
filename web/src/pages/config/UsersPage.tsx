import {
  Alert,
  Group,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import { directoryKeys, useNames, useUsers } from '../../api/directory';
import type { Page, Role, User } from '../../api/types';
import { useSession } from '../../auth/session';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { configKeys, useOuOptions } from './shared/data';
import { fieldError, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions, StatusBadge } from './shared/PageParts';
import { REQUIRED, SwitchField } from './shared/forms';

const SHOWN = ['email', 'name', 'password', 'ouId', 'roleIds', 'phone', 'tenantAdmin', 'disabled'];

function useRoles() {
  return useQuery({
    queryKey: configKeys.roles,
    queryFn: async () => (await apiRequest<Page<Role>>('/api/v1/roles')).items,
  });
}

function UserForm({ user, opened, onClose }: { user: User | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const isAdmin = session.isTenantAdmin;
  const ouOptions = useOuOptions();
  const roles = useRoles().data ?? [];
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [ouId, setOuId] = useState<string | null>(user?.ouId ?? session.me.user.ouId);
  const [roleIds, setRoleIds] = useState<string[]>(user?.roleIds ?? []);
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [tenantAdmin, setTenantAdmin] = useState(user?.tenantAdmin ?? false);
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const validation = useValidation(() => {
    const fields: FieldError[] = [];
    const required = t('config.form.required');
    if (email.trim() === '') fields.push({ field: 'email', message: required });
    if (name.trim() === '') fields.push({ field: 'name', message: required });
    if (!ouId) fields.push({ field: 'ouId', message: required });
    if (user === null && password === '') fields.push({ field: 'password', message: required });
    else if (password !== '' && password.length < LIMITS.passwordMin)
      fields.push({
        field: 'password',
        message: t('config.users.passwordTooShort', { min: LIMITS.passwordMin }),
      });
    return fields;
  });
  const save = useSave<User>([directoryKeys.users], (saved) => {
    if (saved.id === session.me.user.id) void session.refresh();
    onClose();
  });
  const error = validation.error ?? save.error;
  const lockedAdmin = !isAdmin && user?.tenantAdmin === true;

  const submit = () => {
    if (!validation.check() || !ouId) return;
    const trimmedPhone = phone.trim();
    if (user === null) {
      save.mutate({
        path: '/api/v1/users',
        method: 'POST',
        body: {
          email: email.trim(),
          name: name.trim(),
          password,
          ouId,
          ...(trimmedPhone ? { phone: trimmedPhone } : {}),
          ...(isAdmin ? { roleIds, tenantAdmin } : {}),
        },
      });
      return;
    }
    const body: Record<string, unknown> = {};
    if (email.trim() !== (user.email ?? '')) body.email = email.trim();
    if (name.trim() !== user.name) body.name = name.trim();
    if (password !== '') body.password = password;
    if (ouId !== user.ouId) body.ouId = ouId;
    if (trimmedPhone !== (user.phone ?? '')) body.phone = trimmedPhone === '' ? null : trimmedPhone;
    if (isAdmin) {
      const before = [...(user.roleIds ?? [])].sort().join(',');
      if ([...roleIds].sort().join(',') !== before) body.roleIds = roleIds;
      if (tenantAdmin !== (user.tenantAdmin ?? false)) body.tenantAdmin = tenantAdmin;
    }
    if (disabled !== user.disabled) body.disabled = disabled;
    save.mutate({ path: `/api/v1/users/${user.id}`, method: 'PATCH', body });
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t('config.users.editTitle', { name: user.name }) : t('config.users.new')}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
    >
      {lockedAdmin && (
        <Alert color="yellow" title={t('config.users.adminLockedTitle')}>
          {t('config.users.adminLocked')}
        </Alert>
      )}
      <TextInput
        label={t('config.users.email')}
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
        maxLength={LIMITS.emailMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'email')}
      />
      <TextInput
        label={t('config.users.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.userNameMax}
        {...REQUIRED}
        error={fieldError(error, 'name')}
      />
      <PasswordInput
        visibilityToggleButtonProps={{ 'aria-label': t('config.common.showHide') }}
        label={t('config.users.password')}
        description={
          user
            ? t('config.users.passwordKeep', { min: LIMITS.passwordMin, max: LIMITS.passwordMax })
            : t('config.users.passwordRule', { min: LIMITS.passwordMin, max: LIMITS.passwordMax })
        }
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        maxLength={LIMITS.passwordMax}
        {...(user === null ? REQUIRED : {})}
        error={fieldError(error, 'password')}
      />
      <Select
        label={t('config.users.ou')}
        data={ouOptions}
        value={ouId}
        onChange={setOuId}
        searchable
        {...REQUIRED}
        allowDeselect={false}
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'ouId')}
      />
      <MultiSelect
        label={t('config.users.roles')}
        description={isAdmin ? undefined : t('config.users.rolesAdminOnly')}
        data={roles.map((role) => ({ value: role.id, label: role.name }))}
        value={roleIds}
        onChange={setRoleIds}
        searchable
        clearable
        disabled={!isAdmin}
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'roleIds')}
      />
      <TextInput
        label={t('config.users.phone')}
        type="tel"
        value={phone}
        onChange={(event) => setPhone(event.currentTarget.value)}
        maxLength={LIMITS.phoneMax}
        error={fieldError(error, 'phone')}
      />
      <SwitchField
        label={t('config.users.tenantAdmin')}
        description={t('config.users.tenantAdminHint')}
        checked={tenantAdmin}
        onChange={(event) => setTenantAdmin(event.currentTarget.checked)}
        disabled={!isAdmin}
        error={fieldError(error, 'tenantAdmin')}
      />
      {user && (
        <SwitchField
          label={t('config.users.disabled')}
          description={t('config.users.disabledHint')}
          checked={disabled}
          onChange={(event) => setDisabled(event.currentTarget.checked)}
          error={fieldError(error, 'disabled')}
        />
      )}
    </FormModal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const roles = useRoles();
  const names = useNames();
  const editor = useEditor<User>();
  const [search, setSearch] = useState('');
  const roleNames = useMemo(
    () => new Map((roles.data ?? []).map((role) => [role.id, role.name])),
    [roles.data],
  );
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = users.data ?? [];
    if (!needle) return list;
    return list.filter(
      (user) => user.name.toLowerCase().includes(needle) || (user.email ?? '').toLowerCase().includes(needle),
    );
  }, [users.data, search]);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.users')}
        description={t('config.users.intro')}
        action={<NewButton label={t('config.users.new')} onClick={editor.openNew} />}
      />
      {users.isPending ? (
        <LoadingSkeleton />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState message={t('config.users.empty')} />
      ) : (
        <>
          <TextInput
            label={t('config.users.search')}
            placeholder={t('config.users.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maw={360}
          />
          {shown.length === 0 ? (
            <EmptyState message={t('config.users.noMatch')} />
          ) : (
            <ConfigTable
              caption={t('config.pages.users')}
              minWidth={760}
              head={
                <>
                  <Table.Th>{t('config.users.name')}</Table.Th>
                  <Table.Th>{t('config.users.email')}</Table.Th>
                  <Table.Th>{t('config.users.ou')}</Table.Th>
                  <Table.Th>{t('config.users.roles')}</Table.Th>
                  <Table.Th>{t('config.users.status')}</Table.Th>
                  <ActionsHead />
                </>
              }
            >
              {shown.map((user) => (
                <Table.Tr key={user.id} onClick={() => editor.openEdit(user)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Text size="sm" fw={500} c={user.disabled ? 'dimmed' : undefined}>
                      {user.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{names.ou(user.ouId) ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    {(user.roleIds ?? []).map((id) => roleNames.get(id) ?? id).join(', ') || t('common.none')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.tenantAdmin && (
                        <StatusBadge variant="light">{t('config.users.adminBadge')}</StatusBadge>
                      )}
                      {user.disabled ? (
                        <StatusBadge color="gray" variant="light">
                          {t('config.users.disabledBadge')}
                        </StatusBadge>
                      ) : (
                        <StatusBadge color="green" variant="light">
                          {t('config.users.activeBadge')}
                        </StatusBadge>
                      )}
                    </Group>
                  </Table.Td>
                  <RowActions name={user.name} onEdit={() => editor.openEdit(user)} />
                </Table.Tr>
              ))}
            </ConfigTable>
          )}
        </>
      )}
      <UserForm key={editor.seq} user={editor.item} opened={editor.opened} onClose={editor.close} />
    </Stack>
  );
}
