import { MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import { directoryKeys, useNames, useQueues } from '../../api/directory';
import type { Queue } from '../../api/types';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { useOuOptions, useUserOptions } from './shared/data';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, fieldErrorsUnder, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions } from './shared/PageParts';
import { REQUIRED } from './shared/forms';

const SHOWN = ['name', 'ouId', 'memberIds'];
const INVALIDATE = [directoryKeys.queues];
const MAX_MEMBERS = 500;

function QueueForm({
  queue,
  opened,
  onClose,
}: {
  queue: Queue | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(queue?.name ?? '');
  const [ouId, setOuId] = useState<string | null>(queue?.ouId ?? null);
  const [memberIds, setMemberIds] = useState<string[]>(queue?.memberIds ?? []);
  const validation = useValidation(() =>
    name.trim() === '' ? [{ field: 'name', message: t('config.form.required') }] : [],
  );
  const ouOptions = useOuOptions();
  const userOptions = useUserOptions(memberIds);
  const save = useSave<Queue>(INVALIDATE, onClose);
  const error = validation.error ?? save.error;

  const submit = () => {
    if (!validation.check()) return;
    const body = { name: name.trim(), ouId, memberIds };
    save.mutate(
      queue
        ? { path: `/api/v1/queues/${queue.id}`, method: 'PATCH', body }
        : { path: '/api/v1/queues', method: 'POST', body },
    );
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={queue ? t('config.queues.editTitle', { name: queue.name }) : t('config.queues.new')}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
    >
      <TextInput
        label={t('config.queues.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.nameMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'name')}
      />
      <Select
        label={t('config.queues.ou')}
        placeholder={t('config.queues.noOu')}
        data={ouOptions}
        value={ouId}
        onChange={setOuId}
        searchable
        clearable
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'ouId')}
      />
      <MultiSelect
        label={t('config.queues.members')}
        description={t('config.queues.membersHint')}
        data={userOptions}
        value={memberIds}
        onChange={setMemberIds}
        searchable
        clearable
        maxValues={MAX_MEMBERS}
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldErrorsUnder(error, 'memberIds').join(' ') || undefined}
      />
    </FormModal>
  );
}

export function QueuesPage() {
  const { t } = useTranslation();
  const queues = useQueues();
  const names = useNames();
  const editor = useEditor<Queue>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.queues')}
        description={t('config.queues.intro')}
        action={<NewButton label={t('config.queues.new')} onClick={editor.openNew} />}
      />
      {queues.isPending ? (
        <LoadingSkeleton />
      ) : queues.isError ? (
        <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
      ) : queues.data.length === 0 ? (
        <EmptyState message={t('config.queues.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.queues')}
          head={
            <>
              <Table.Th>{t('config.queues.name')}</Table.Th>
              <Table.Th>{t('config.queues.ou')}</Table.Th>
              <Table.Th>{t('config.queues.members')}</Table.Th>
              <ActionsHead />
            </>
          }
        >
          {[...queues.data]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((queue) => (
              <Table.Tr key={queue.id} onClick={() => editor.openEdit(queue)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {queue.name}
                  </Text>
                </Table.Td>
                <Table.Td>{names.ou(queue.ouId) ?? t('common.none')}</Table.Td>
                <Table.Td>
                  {queue.memberIds.map((id) => names.user(id) ?? t('common.unknownUser')).join(', ') ||
                    t('common.none')}
                </Table.Td>
                <RowActions
                  name={queue.name}
                  onEdit={() => editor.openEdit(queue)}
                  onDelete={() => setDeleting({ path: `/api/v1/queues/${queue.id}`, name: queue.name })}
                />
              </Table.Tr>
            ))}
        </ConfigTable>
      )}
      <QueueForm key={editor.seq} queue={editor.item} opened={editor.opened} onClose={editor.close} />
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={INVALIDATE} />
    </Stack>
  );
}
