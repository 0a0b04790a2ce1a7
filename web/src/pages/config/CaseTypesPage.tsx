import { Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_LIMITS, LIMITS, PROCESS_LIMITS } from '../../../../contract/constants';
import type { FieldError } from '../../api/client';
import { directoryKeys, useNames } from '../../api/directory';
import type { CaseType, CaseTypeInput } from '../../api/types';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import {
  CustomFieldsEditor,
  hasOptions,
  KEY_PATTERN,
  type CustomFieldDraft,
} from './shared/CustomFieldsEditor';
import { configKeys, useAllCaseTypes, useOuOptions } from './shared/data';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, fieldErrorsUnder, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ProcessEditor } from './shared/ProcessEditor';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions, StatusBadge } from './shared/PageParts';
import { indented, selfAndDescendants, treeOrder } from './shared/tree';
import { REQUIRED, SwitchField } from './shared/forms';

const SHOWN = [
  'name',
  'description',
  'parentId',
  'ouId',
  'enabled',
  'strictOrder',
  'verifyTasks',
  'process',
  'customFields',
];
const INVALIDATE = [configKeys.caseTypes, directoryKeys.caseTypes];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function CaseTypeForm({
  type,
  types,
  opened,
  onClose,
}: {
  type: CaseType | null;
  types: readonly CaseType[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const uid = useRef(0);
  const nextUid = () => ++uid.current;
  const [name, setName] = useState(type?.name ?? '');
  const [description, setDescription] = useState(type?.description ?? '');
  const [parentId, setParentId] = useState<string | null>(type?.parentId ?? null);
  const [ouId, setOuId] = useState<string | null>(type?.ouId ?? null);
  const [enabled, setEnabled] = useState(type?.enabled ?? true);
  const [strictOrder, setStrictOrder] = useState(type?.strictOrder ?? false);
  const [verifyTasks, setVerifyTasks] = useState(type?.verifyTasks ?? false);
  const [process, setProcess] = useState<string[]>(type?.process ?? []);
  const [fields, setFields] = useState<CustomFieldDraft[]>(() =>
    (type?.customFields ?? []).map((field, index) => ({
      uid: -(index + 1),
      key: field.key,
      label: field.label,
      type: field.type,
      options: field.options ?? [],
      required: field.required,
    })),
  );
  const ouOptions = useOuOptions();
  const save = useSave<CaseType>(INVALIDATE, onClose);
  // The server refuses a new process for a type that is enabled; turning it off first allows it.
  const processLocked = type !== null && type.enabled && enabled;
  // While locked, the stored process is what is shown and sent.
  const effectiveProcess = processLocked ? type.process : process;
  const parentOptions = useMemo(() => {
    const excluded = type ? selfAndDescendants(types, type.id) : new Set<string>();
    return treeOrder(types)
      .filter(({ item }) => !excluded.has(item.id))
      .map(({ item, depth }) => ({ value: item.id, label: indented(item.name, depth) }));
  }, [types, type]);

  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    const required = t('config.form.required');
    if (name.trim() === '') problems.push({ field: 'name', message: required });
    if (effectiveProcess.length < PROCESS_LIMITS.minStatuses)
      problems.push({ field: 'process', message: t('config.process.needOne') });
    const keys = new Set<string>();
    fields.forEach((field, index) => {
      const path = `customFields.${index}`;
      if (!KEY_PATTERN.test(field.key.trim()))
        problems.push({ field: `${path}.key`, message: t('config.customFields.keyInvalid') });
      else if (keys.has(field.key.trim()))
        problems.push({ field: `${path}.key`, message: t('config.customFields.keyDuplicate') });
      keys.add(field.key.trim());
      if (field.label.trim() === '') problems.push({ field: `${path}.label`, message: required });
      if (hasOptions(field.type) && field.options.length === 0)
        problems.push({ field: `${path}.options`, message: t('config.customFields.optionsNeeded') });
    });
    return problems;
  };
  const validation = useValidation(validate);
  const error = validation.error ?? save.error;

  const submit = () => {
    if (!validation.check()) return;
    const body: CaseTypeInput = {
      name: name.trim(),
      description: description.trim(),
      parentId,
      ouId,
      enabled,
      strictOrder,
      verifyTasks,
      process: effectiveProcess,
      customFields: fields.map((field) => ({
        key: field.key.trim(),
        label: field.label.trim(),
        type: field.type,
        required: field.required,
        ...(hasOptions(field.type) ? { options: field.options } : {}),
      })),
    };
    if (type === null) {
      save.mutate({ path: '/api/v1/case-types', method: 'POST', body });
      return;
    }
    const path = `/api/v1/case-types/${type.id}`;
    const processChanged = !sameList(effectiveProcess, type.process);
    if (processChanged && type.enabled) {
      // The server refuses a new process on an enabled type: disable it first, and enable it again
      // should the change be refused.
      save.mutate({
        steps: [
          { path, method: 'PATCH', body: { enabled: false } },
          { path, method: 'PATCH', body },
        ],
        undo: { path, method: 'PATCH', body: { enabled: true } },
      });
      return;
    }
    const { process: _process, ...rest } = body;
    save.mutate({ path, method: 'PATCH', body: processChanged ? body : rest });
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={type ? t('config.caseTypes.editTitle', { name: type.name }) : t('config.caseTypes.new')}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
      size="xl"
    >
      <TextInput
        label={t('config.caseTypes.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.nameMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'name')}
      />
      <Textarea
        label={t('config.caseTypes.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        maxLength={LIMITS.freeTextMax}
        autosize
        minRows={2}
        maxRows={6}
        error={fieldError(error, 'description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('config.caseTypes.parent')}
          placeholder={t('config.caseTypes.noParent')}
          data={parentOptions}
          value={parentId}
          onChange={setParentId}
          searchable
          clearable
          nothingFoundMessage={t('config.common.nothingFound')}
          error={fieldError(error, 'parentId')}
        />
        <Select
          label={t('config.caseTypes.ou')}
          placeholder={t('config.caseTypes.noOu')}
          data={ouOptions}
          value={ouId}
          onChange={setOuId}
          searchable
          clearable
          nothingFoundMessage={t('config.common.nothingFound')}
          error={fieldError(error, 'ouId')}
        />
      </SimpleGrid>
      <Stack gap="xs">
        <SwitchField
          label={t('config.caseTypes.enabled')}
          description={t('config.caseTypes.enabledHint')}
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
          error={fieldError(error, 'enabled')}
        />
        <SwitchField
          label={t('config.caseTypes.strictOrder')}
          description={t('config.caseTypes.strictOrderHint')}
          checked={strictOrder}
          onChange={(event) => setStrictOrder(event.currentTarget.checked)}
          error={fieldError(error, 'strictOrder')}
        />
        <SwitchField
          label={t('config.caseTypes.verifyTasks')}
          description={t('config.caseTypes.verifyTasksHint')}
          checked={verifyTasks}
          onChange={(event) => setVerifyTasks(event.currentTarget.checked)}
          error={fieldError(error, 'verifyTasks')}
        />
      </Stack>
      <ProcessEditor
        statuses={effectiveProcess}
        onChange={setProcess}
        locked={processLocked}
        lockedMessage={t('config.caseTypes.processLocked')}
        errors={fieldErrorsUnder(error, 'process')}
      />
      <CustomFieldsEditor fields={fields} onChange={setFields} error={error} nextUid={nextUid} />
      {fields.length > CUSTOM_FIELD_LIMITS.maxFields && (
        <Text size="sm" c="red">
          {t('config.customFields.tooMany', { max: CUSTOM_FIELD_LIMITS.maxFields })}
        </Text>
      )}
    </FormModal>
  );
}

export function CaseTypesPage() {
  const { t } = useTranslation();
  const types = useAllCaseTypes();
  const names = useNames();
  const editor = useEditor<CaseType>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const rows = useMemo(() => treeOrder(types.data ?? []), [types.data]);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.caseTypes')}
        description={t('config.caseTypes.intro')}
        action={<NewButton label={t('config.caseTypes.new')} onClick={editor.openNew} />}
      />
      {types.isPending ? (
        <LoadingSkeleton />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState message={t('config.caseTypes.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.caseTypes')}
          minWidth={760}
          head={
            <>
              <Table.Th>{t('config.caseTypes.name')}</Table.Th>
              <Table.Th>{t('config.process.legend')}</Table.Th>
              <Table.Th>{t('config.caseTypes.strictOrder')}</Table.Th>
              <Table.Th>{t('config.caseTypes.ou')}</Table.Th>
              <Table.Th>{t('config.customFields.legend')}</Table.Th>
              <Table.Th>{t('config.caseTypes.enabled')}</Table.Th>
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
              <Table.Td>
                <Text size="sm">{item.process.join(' → ')}</Text>
              </Table.Td>
              <Table.Td>{item.strictOrder ? t('common.yes') : t('common.no')}</Table.Td>
              <Table.Td>{names.ou(item.ouId) ?? t('common.none')}</Table.Td>
              <Table.Td>{item.customFields.length}</Table.Td>
              <Table.Td>
                {item.enabled ? (
                  <StatusBadge color="green" variant="light">
                    {t('config.common.enabled')}
                  </StatusBadge>
                ) : (
                  <StatusBadge color="gray" variant="light">
                    {t('config.common.disabled')}
                  </StatusBadge>
                )}
              </Table.Td>
              <RowActions
                name={item.name}
                onEdit={() => editor.openEdit(item)}
                onDelete={() => setDeleting({ path: `/api/v1/case-types/${item.id}`, name: item.name })}
              />
            </Table.Tr>
          ))}
        </ConfigTable>
      )}
      <CaseTypeForm
        key={editor.seq}
        type={editor.item}
        types={types.data ?? []}
        opened={editor.opened}
        onClose={editor.close}
      />
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={INVALIDATE} />
    </Stack>
  );
}
