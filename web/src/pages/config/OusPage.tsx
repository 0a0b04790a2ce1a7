import { MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import { directoryKeys, useNames, useOus, useUsers } from '../../api/directory';
import type { Ou } from '../../api/types';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { useUserOptions } from './shared/data';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions } from './shared/PageParts';
import { indented, selfAndDescendants, treeOrder } from './shared/tree';
import { REQUIRED } from './shared/forms';

const SHOWN = ['name', 'parentId', 'leaderIds'];
const INVALIDATE = [directoryKeys.ous];

function OuForm({
  ou,
  ous,
  opened,
  onClose,
}: {
  ou: Ou | null;
  ous: readonly Ou[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(ou?.name ?? '');
  const [parentId, setParentId] = useState<string | null>(ou?.parentId ?? null);
  const [leaderIds, setLeaderIds] = useState<string[]>(ou?.leaderIds ?? []);
  const validation = useValidation(() =>
    name.trim() === '' ? [{ field: 'name', message: t('config.form.required') }] : [],
  );
  const userOptions = useUserOptions(leaderIds);
  const save = useSave<Ou>(INVALIDATE, onClose);
  const error = validation.error ?? save.error;
  const parentOptions = useMemo(() => {
    const excluded = ou ? selfAndDescendants(ous, ou.id) : new Set<string>();
    return treeOrder(ous)
      .filter(({ item }) => !excluded.has(item.id))
      .map(({ item, depth }) => ({ value: item.id, label: indented(item.name, depth) }));
  }, [ous, ou]);

  const submit = () => {
    if (!validation.check()) return;
    const body = { name: name.trim(), parentId, leaderIds };
    save.mutate(
      ou
        ? { path: `/api/v1/ous/${ou.id}`, method: 'PATCH', body }
        : { path: '/api/v1/ous', method: 'POST', body },
    );
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={ou ? t('config.ous.editTitle', { name: ou.name }) : t('config.ous.new')}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
    >
      <TextInput
        label={t('config.ous.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.nameMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'name')}
      />
      <Select
        label={t('config.ous.parent')}
        placeholder={t('config.ous.noParent')}
        data={parentOptions}
        value={parentId}
        onChange={setParentId}
        searchable
        clearable
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'parentId')}
      />
      <MultiSelect
        label={t('config.ous.leaders')}
        description={t('config.ous.leadersHint')}
        data={userOptions}
        value={leaderIds}
        onChange={setLeaderIds}
        searchable
        clearable
        maxValues={50}
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'leaderIds')}
      />
    </FormModal>
  );
}

export function OusPage() {
  const { t } = useTranslation();
  const ous = useOus();
  const users = useUsers().data;
  const names = useNames();
  const editor = useEditor<Ou>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const rows = useMemo(() => treeOrder(ous.data ?? []), [ous.data]);
  const memberCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const user of users ?? [])
      if (!user.disabled) counts.set(user.ouId, (counts.get(user.ouId) ?? 0) + 1);
    return counts;
  }, [users]);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.ous')}
        description={t('config.ous.intro')}
        action={<NewButton label={t('config.ous.new')} onClick={editor.openNew} />}
      />
      {ous.isPending ? (
        <LoadingSkeleton />
      ) : ous.isError ? (
        <ErrorState error={ous.error} onRetry={() => void ous.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState message={t('config.ous.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.ous')}
          head={
            <>
              <Table.Th>{t('config.ous.name')}</Table.Th>
              <Table.Th>{t('config.ous.parent')}</Table.Th>
              <Table.Th>{t('config.ous.leaders')}</Table.Th>
              <Table.Th>{t('config.ous.members')}</Table.Th>
              <ActionsHead />
            </>
          }
        >
          {rows.map(({ item, depth }) => (
            <Table.Tr key={item.id} onClick={() => editor.openEdit(item)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" fw={500} pl={depth * 16}>
                  {item.name}
                </Text>
              </Table.Td>
              <Table.Td>{names.ou(item.parentId) ?? t('common.none')}</Table.Td>
              <Table.Td>
                {item.leaderIds.map((id) => names.user(id) ?? t('common.unknownUser')).join(', ') ||
                  t('common.none')}
              </Table.Td>
              <Table.Td>{memberCount.get(item.id) ?? 0}</Table.Td>
              <RowActions
                name={item.name}
                onEdit={() => editor.openEdit(item)}
                onDelete={() => setDeleting({ path: `/api/v1/ous/${item.id}`, name: item.name })}
              />
            </Table.Tr>
          ))}
        </ConfigTable>
      )}
      <OuForm
        key={editor.seq}
        ou={editor.item}
        ous={ous.data ?? []}
        opened={editor.opened}
        onClose={editor.close}
      />
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={INVALIDATE} />
    </Stack>
  );
}
