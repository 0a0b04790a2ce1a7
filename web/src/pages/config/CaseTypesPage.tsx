import { SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_LIMITS, LIMITS, PROCESS_LIMITS } from '../../../../contract/constants';
import type { FieldError } from '../../api/client';
import { directoryKeys, useNames } from '../../api/directory';
import type { CaseType, CaseTypeInput } from '../../api/types';
import {
  CustomFieldsEditor,
  hasOptions,
  KEY_PATTERN,
  type CustomFieldDraft,
} from './shared/CustomFieldsEditor';
import { configKeys, useAllCaseTypes, useOuOptions } from './shared/data';
import { FormModal } from './shared/FormModal';
import { NameInput, OptionalSelect, SwitchField } from './shared/forms';
import { OnOffBadge } from './shared/PageParts';
import { ProcessEditor } from './shared/ProcessEditor';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { parentOptions, treeOrder } from './shared/tree';
import { useSaveResource } from './shared/useSaveResource';

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
  item: type,
  types,
  opened,
  onClose,
}: ResourceFormProps<CaseType> & { types: readonly CaseType[] }) {
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
  // The server refuses a new process for a type that is enabled; turning it off first allows it.
  const processLocked = type !== null && type.enabled && enabled;
  // While locked, the stored process is what is shown and sent.
  const effectiveProcess = processLocked ? type.process : process;
  const parents = useMemo(() => parentOptions(types, type), [types, type]);

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
  const form = useSaveResource<CaseType>({
    collection: '/api/v1/case-types',
    item: type,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate,
  });

  const submit = () => {
    if (!form.check()) return;
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
      form.save(body);
      return;
    }
    const path = `/api/v1/case-types/${type.id}`;
    const processChanged = !sameList(effectiveProcess, type.process);
    if (processChanged && type.enabled) {
      // The server refuses a new process on an enabled type: disable it first, and enable it again
      // should the change be refused.
      form.send({
        steps: [
          { path, method: 'PATCH', body: { enabled: false } },
          { path, method: 'PATCH', body },
        ],
        undo: { path, method: 'PATCH', body: { enabled: true } },
      });
      return;
    }
    const { process: _process, ...rest } = body;
    form.save(processChanged ? body : rest);
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={type ? t('config.caseTypes.editTitle', { name: type.name }) : t('config.caseTypes.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
      size="xl"
    >
      <NameInput
        label={t('config.caseTypes.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <Textarea
        label={t('config.caseTypes.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        maxLength={LIMITS.freeTextMax}
        autosize
        minRows={2}
        maxRows={6}
        error={form.fieldError('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <OptionalSelect
          label={t('config.caseTypes.parent')}
          placeholder={t('config.caseTypes.noParent')}
          data={parents}
          value={parentId}
          onChange={setParentId}
          error={form.fieldError('parentId')}
        />
        <OptionalSelect
          label={t('config.caseTypes.ou')}
          placeholder={t('config.caseTypes.noOu')}
          data={ouOptions}
          value={ouId}
          onChange={setOuId}
          error={form.fieldError('ouId')}
        />
      </SimpleGrid>
      <Stack gap="xs">
        <SwitchField
          label={t('config.caseTypes.enabled')}
          description={t('config.caseTypes.enabledHint')}
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
          error={form.fieldError('enabled')}
        />
        <SwitchField
          label={t('config.caseTypes.strictOrder')}
          description={t('config.caseTypes.strictOrderHint')}
          checked={strictOrder}
          onChange={(event) => setStrictOrder(event.currentTarget.checked)}
          error={form.fieldError('strictOrder')}
        />
        <SwitchField
          label={t('config.caseTypes.verifyTasks')}
          description={t('config.caseTypes.verifyTasksHint')}
          checked={verifyTasks}
          onChange={(event) => setVerifyTasks(event.currentTarget.checked)}
          error={form.fieldError('verifyTasks')}
        />
      </Stack>
      <ProcessEditor
        statuses={effectiveProcess}
        onChange={setProcess}
        locked={processLocked}
        lockedMessage={t('config.caseTypes.processLocked')}
        errors={form.fieldErrorsUnder('process')}
      />
      <CustomFieldsEditor fields={fields} onChange={setFields} error={form.error} nextUid={nextUid} />
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
  return (
    <ResourceListPage
      title={t('config.pages.caseTypes')}
      description={t('config.caseTypes.intro')}
      newLabel={t('config.caseTypes.new')}
      emptyMessage={t('config.caseTypes.empty')}
      query={types}
      order={treeOrder}
      minWidth={760}
      head={
        <>
          <Table.Th>{t('config.caseTypes.name')}</Table.Th>
          <Table.Th>{t('config.process.legend')}</Table.Th>
          <Table.Th>{t('config.caseTypes.strictOrder')}</Table.Th>
          <Table.Th>{t('config.caseTypes.ou')}</Table.Th>
          <Table.Th>{t('config.customFields.legend')}</Table.Th>
          <Table.Th>{t('config.caseTypes.enabled')}</Table.Th>
        </>
      }
      cells={(type, depth) => (
        <>
          <NameCell name={type.name} depth={depth} />
          <Table.Td>
            <Text size="sm">{type.process.join(' → ')}</Text>
          </Table.Td>
          <Table.Td>{type.strictOrder ? t('common.yes') : t('common.no')}</Table.Td>
          <Table.Td>{names.ou(type.ouId) ?? t('common.none')}</Table.Td>
          <Table.Td>{type.customFields.length}</Table.Td>
          <Table.Td>
            <OnOffBadge
              on={type.enabled}
              onLabel={t('config.common.enabled')}
              offLabel={t('config.common.disabled')}
            />
          </Table.Td>
        </>
      )}
      deletePath={(type) => `/api/v1/case-types/${type.id}`}
      invalidate={INVALIDATE}
      form={(props) => <CaseTypeForm {...props} types={types.data ?? []} />}
    />
  );
}
