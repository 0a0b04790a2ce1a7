import { Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryKeys, useNames, useQueues } from '../../api/directory';
import type { Queue } from '../../api/types';
import { useOuOptions, useUserNameList, useUserOptions } from './shared/data';
import { requiredFields } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { NameInput, OptionalMultiSelect, OptionalSelect } from './shared/forms';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { byName, NameCell } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'ouId', 'memberIds'];
const INVALIDATE = [directoryKeys.queues];
const MAX_MEMBERS = 500;

function QueueForm({ item: queue, opened, onClose }: ResourceFormProps<Queue>) {
  const { t } = useTranslation();
  const [name, setName] = useState(queue?.name ?? '');
  const [ouId, setOuId] = useState<string | null>(queue?.ouId ?? null);
  const [memberIds, setMemberIds] = useState<string[]>(queue?.memberIds ?? []);
  const ouOptions = useOuOptions();
  const userOptions = useUserOptions(memberIds);
  const form = useSaveResource<Queue>({
    collection: '/api/v1/queues',
    item: queue,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate: () => requiredFields({ name }, t('config.form.required')),
  });

  const submit = () => {
    if (form.check()) form.save({ name: name.trim(), ouId, memberIds });
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={queue ? t('config.queues.editTitle', { name: queue.name }) : t('config.queues.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
    >
      <NameInput
        label={t('config.queues.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <OptionalSelect
        label={t('config.queues.ou')}
        placeholder={t('config.queues.noOu')}
        data={ouOptions}
        value={ouId}
        onChange={setOuId}
        error={form.fieldError('ouId')}
      />
      <OptionalMultiSelect
        label={t('config.queues.members')}
        description={t('config.queues.membersHint')}
        data={userOptions}
        value={memberIds}
        onChange={setMemberIds}
        maxValues={MAX_MEMBERS}
        error={form.fieldErrorsUnder('memberIds').join(' ') || undefined}
      />
    </FormModal>
  );
}

export function QueuesPage() {
  const { t } = useTranslation();
  const queues = useQueues();
  const names = useNames();
  const userNames = useUserNameList(names);
  return (
    <ResourceListPage
      title={t('config.pages.queues')}
      description={t('config.queues.intro')}
      newLabel={t('config.queues.new')}
      emptyMessage={t('config.queues.empty')}
      query={queues}
      order={byName}
      head={
        <>
          <Table.Th>{t('config.queues.name')}</Table.Th>
          <Table.Th>{t('config.queues.ou')}</Table.Th>
          <Table.Th>{t('config.queues.members')}</Table.Th>
        </>
      }
      cells={(queue) => (
        <>
          <NameCell name={queue.name} />
          <Table.Td>{names.ou(queue.ouId) ?? t('common.none')}</Table.Td>
          <Table.Td>{userNames(queue.memberIds)}</Table.Td>
        </>
      )}
      deletePath={(queue) => `/api/v1/queues/${queue.id}`}
      invalidate={INVALIDATE}
      form={(props) => <QueueForm {...props} />}
    />
  );
}
