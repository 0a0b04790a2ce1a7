import { Alert, Group, Table, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import type { FieldError } from '../../api/client';
import { directoryKeys, useNames, useUsers } from '../../api/directory';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { EmptyState } from '../../components/PageState';
import { useOuOptions, useRoles } from './shared/data';
import { requiredFields } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { OptionalMultiSelect, REQUIRED, RequiredSelect, SecretInput, SwitchField } from './shared/forms';
import { useEditor } from './shared/hooks';
import { Loaded } from './shared/Loaded';
import { ConfigPage, NewButton, OnOffBadge, StatusBadge } from './shared/PageParts';
import { type ResourceFormProps } from './shared/ResourceListPage';
import { asListed, NameCell, ResourceTable } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['email', 'name', 'password', 'ouId', 'roleIds', 'phone', 'tenantAdmin', 'disabled'];

function UserForm({ item: user, opened, onClose }: ResourceFormProps<User>) {
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
  const validate = (): FieldError[] => {
    const required = t('config.form.required');
    const fields = requiredFields({ email, name, ouId }, required);
    if (user === null && password === '') fields.push({ field: 'password', message: required });
    else if (password !== '' && password.length < LIMITS.passwordMin)
      fields.push({
        field: 'password',
        message: t('config.users.passwordTooShort', { min: LIMITS.passwordMin }),
      });
    return fields;
  };
  const form = useSaveResource<User>({
    collection: '/api/v1/users',
    item: user,
    invalidate: [directoryKeys.users],
    onSaved: (saved) => {
      if (saved.id === session.me.user.id) void session.refresh();
      onClose();
    },
    validate,
  });
  const lockedAdmin = !isAdmin && user?.tenantAdmin === true;

  const submit = () => {
    if (!form.check() || !ouId) return;
    const trimmedPhone = phone.trim();
    if (user === null) {
      form.save({
        email: email.trim(),
        name: name.trim(),
        password,
        ouId,
        ...(trimmedPhone ? { phone: trimmedPhone } : {}),
        ...(isAdmin ? { roleIds, tenantAdmin } : {}),
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
    form.save(body);
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t('config.users.editTitle', { name: user.name }) : t('config.users.new')}
      onSubmit={submit}
      form={form}
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
        error={form.fieldError('email')}
      />
      <TextInput
        label={t('config.users.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.userNameMax}
        {...REQUIRED}
        error={form.fieldError('name')}
      />
      <SecretInput
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
        error={form.fieldError('password')}
      />
      <RequiredSelect
        label={t('config.users.ou')}
        data={ouOptions}
        value={ouId}
        onChange={setOuId}
        error={form.fieldError('ouId')}
      />
      <OptionalMultiSelect
        label={t('config.users.roles')}
        description={isAdmin ? undefined : t('config.users.rolesAdminOnly')}
        data={roles.map((role) => ({ value: role.id, label: role.name }))}
        value={roleIds}
        onChange={setRoleIds}
        disabled={!isAdmin}
        error={form.fieldError('roleIds')}
      />
      <TextInput
        label={t('config.users.phone')}
        type="tel"
        value={phone}
        onChange={(event) => setPhone(event.currentTarget.value)}
        maxLength={LIMITS.phoneMax}
        error={form.fieldError('phone')}
      />
      <SwitchField
        label={t('config.users.tenantAdmin')}
        description={t('config.users.tenantAdminHint')}
        checked={tenantAdmin}
        onChange={(event) => setTenantAdmin(event.currentTarget.checked)}
        disabled={!isAdmin}
        error={form.fieldError('tenantAdmin')}
      />
      {user && (
        <SwitchField
          label={t('config.users.disabled')}
          description={t('config.users.disabledHint')}
          checked={disabled}
          onChange={(event) => setDisabled(event.currentTarget.checked)}
          error={form.fieldError('disabled')}
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
    <ConfigPage
      title={t('config.pages.users')}
      description={t('config.users.intro')}
      action={<NewButton label={t('config.users.new')} onClick={editor.openNew} />}
    >
      <Loaded query={users} empty={{ when: (list) => list.length === 0, message: t('config.users.empty') }}>
        {() => (
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
              <ResourceTable
                caption={t('config.pages.users')}
                minWidth={760}
                head={
                  <>
                    <Table.Th>{t('config.users.name')}</Table.Th>
                    <Table.Th>{t('config.users.email')}</Table.Th>
                    <Table.Th>{t('config.users.ou')}</Table.Th>
                    <Table.Th>{t('config.users.roles')}</Table.Th>
                    <Table.Th>{t('config.users.status')}</Table.Th>
                  </>
                }
                rows={asListed(shown)}
                cells={(user) => (
                  <>
                    <NameCell name={user.name} dimmed={user.disabled} />
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{names.ou(user.ouId) ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {(user.roleIds ?? []).map((id) => roleNames.get(id) ?? id).join(', ') ||
                        t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.tenantAdmin && (
                          <StatusBadge variant="light">{t('config.users.adminBadge')}</StatusBadge>
                        )}
                        <OnOffBadge
                          on={!user.disabled}
                          onLabel={t('config.users.activeBadge')}
                          offLabel={t('config.users.disabledBadge')}
                        />
                      </Group>
                    </Table.Td>
                  </>
                )}
                // No Delete: the API has none for users; they are disabled instead.
                onEdit={editor.openEdit}
              />
            )}
          </>
        )}
      </Loaded>
      <UserForm key={editor.seq} item={editor.item} opened={editor.opened} onClose={editor.close} />
    </ConfigPage>
  );
}
