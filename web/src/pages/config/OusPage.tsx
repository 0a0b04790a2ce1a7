import { Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryKeys, useNames, useOus, useUsers } from '../../api/directory';
import type { Ou } from '../../api/types';
import { useUserNameList, useUserOptions } from './shared/data';
import { requiredFields } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { NameInput, OptionalMultiSelect, OptionalSelect } from './shared/forms';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { parentOptions, treeOrder } from './shared/tree';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'parentId', 'leaderIds'];
const INVALIDATE = [directoryKeys.ous];

function OuForm({ item: ou, ous, opened, onClose }: ResourceFormProps<Ou> & { ous: readonly Ou[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState(ou?.name ?? '');
  const [parentId, setParentId] = useState<string | null>(ou?.parentId ?? null);
  const [leaderIds, setLeaderIds] = useState<string[]>(ou?.leaderIds ?? []);
  const userOptions = useUserOptions(leaderIds);
  const form = useSaveResource<Ou>({
    collection: '/api/v1/ous',
    item: ou,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate: () => requiredFields({ name }, t('config.form.required')),
  });
  const parents = useMemo(() => parentOptions(ous, ou), [ous, ou]);

  const submit = () => {
    if (form.check()) form.save({ name: name.trim(), parentId, leaderIds });
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={ou ? t('config.ous.editTitle', { name: ou.name }) : t('config.ous.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
    >
      <NameInput
        label={t('config.ous.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <OptionalSelect
        label={t('config.ous.parent')}
        placeholder={t('config.ous.noParent')}
        data={parents}
        value={parentId}
        onChange={setParentId}
        error={form.fieldError('parentId')}
      />
      <OptionalMultiSelect
        label={t('config.ous.leaders')}
        description={t('config.ous.leadersHint')}
        data={userOptions}
        value={leaderIds}
        onChange={setLeaderIds}
        maxValues={50}
        error={form.fieldError('leaderIds')}
      />
    </FormModal>
  );
}

export function OusPage() {
  const { t } = useTranslation();
  const ous = useOus();
  const users = useUsers().data;
  const names = useNames();
  const userNames = useUserNameList(names);
  const memberCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const user of users ?? [])
      if (!user.disabled) counts.set(user.ouId, (counts.get(user.ouId) ?? 0) + 1);
    return counts;
  }, [users]);

  return (
    <ResourceListPage
      title={t('config.pages.ous')}
      description={t('config.ous.intro')}
      newLabel={t('config.ous.new')}
      emptyMessage={t('config.ous.empty')}
      query={ous}
      order={treeOrder}
      head={
        <>
          <Table.Th>{t('config.ous.name')}</Table.Th>
          <Table.Th>{t('config.ous.parent')}</Table.Th>
          <Table.Th>{t('config.ous.leaders')}</Table.Th>
          <Table.Th>{t('config.ous.members')}</Table.Th>
        </>
      }
      cells={(ou, depth) => (
        <>
          <NameCell name={ou.name} depth={depth} />
          <Table.Td>{names.ou(ou.parentId) ?? t('common.none')}</Table.Td>
          <Table.Td>{userNames(ou.leaderIds)}</Table.Td>
          <Table.Td>{memberCount.get(ou.id) ?? 0}</Table.Td>
        </>
      )}
      deletePath={(ou) => `/api/v1/ous/${ou.id}`}
      invalidate={INVALIDATE}
      form={(props) => <OuForm {...props} ous={ous.data ?? []} />}
    />
  );
}
