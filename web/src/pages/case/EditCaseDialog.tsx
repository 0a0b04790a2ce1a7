import { Alert, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS } from '../../../../contract/constants';
import { ApiError, apiRequest } from '../../api/client';
import { useCaseTypes } from '../../api/directory';
import type { Case, CaseEdit, Customer, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { useEditCase } from './api';
import { CaseDialog, DialogActions, useRequiredField } from './CaseDialog';
import { CustomFieldInput, type CustomFieldValue } from '../../components/CustomFieldInput';
import { fromPickerValue, nowInZone, toPickerValue } from './dates';
import { RemarkField } from './RemarkField';
import { ServerError } from './ServerError';
import { useSeenVersion } from './useSeenVersion';

/** Edit: the fields SPEC §5 lets change (title, description, due time, customer, contact phone, custom fields). */
export function EditCaseDialog({
  caseData,
  customer,
  opened,
  onClose,
}: {
  caseData: Case;
  customer: Customer | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <CaseDialog opened={opened} onClose={onClose} title={t('caseDetails.operations.edit')} size="xl">
      {opened && <EditForm caseData={caseData} customer={customer} onClose={onClose} />}
    </CaseDialog>
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function EditForm({
  caseData,
  customer,
  onClose,
}: {
  caseData: Case;
  customer: Customer | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const zone = session.timeZone;
  const mutation = useEditCase(caseData.id);
  const { version, onReloaded } = useSeenVersion(caseData, mutation);
  const requiredField = useRequiredField();
  const caseType = useCaseTypes().data?.find((type) => type.id === caseData.typeId);
  const [title, setTitle] = useState(caseData.title);
  const [description, setDescription] = useState(caseData.description);
  const [due, setDue] = useState<string | null>(toPickerValue(caseData.dueAt, zone));
  const [contactPhone, setContactPhone] = useState(caseData.contactPhone ?? '');
  const [customerId, setCustomerId] = useState(caseData.customerId);
  const [customFields, setCustomFields] = useState<Record<string, CustomFieldValue>>(() => ({
    ...caseData.customFields,
  }));
  const [remark, setRemark] = useState('');
  const [touched, setTouched] = useState(false);
  const [nothing, setNothing] = useState(false);

  const titleError = title.trim().length === 0 ? t('caseDetails.edit.required') : null;
  const descriptionError = description.trim().length === 0 ? t('caseDetails.edit.required') : null;
  const dueIso = fromPickerValue(due, zone);
  const dueChanged =
    !sameValue(dueIso, caseData.dueAt) &&
    !(
      dueIso &&
      caseData.dueAt &&
      Math.abs(new Date(dueIso).getTime() - new Date(caseData.dueAt).getTime()) < 60_000
    );
  const dueError =
    dueChanged && dueIso && new Date(dueIso).getTime() <= Date.now() ? t('caseDetails.edit.dueInPast') : null;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (titleError || descriptionError || dueError) return;
    const body: CaseEdit = {};
    if (title.trim() !== caseData.title) body.title = title.trim();
    if (description !== caseData.description) body.description = description;
    if (dueChanged) body.dueAt = dueIso;
    const phone = contactPhone.trim() === '' ? null : contactPhone.trim();
    if (phone !== caseData.contactPhone) body.contactPhone = phone;
    if (customerId !== caseData.customerId) body.customerId = customerId;
    const changedFields: Record<string, CustomFieldValue> = {};
    for (const [key, value] of Object.entries(customFields))
      if (!sameValue(value, caseData.customFields[key])) changedFields[key] = value;
    if (Object.keys(changedFields).length > 0) body.customFields = changedFields;
    if (Object.keys(body).length === 0) {
      setNothing(true);
      return;
    }
    if (remark.trim()) body.remark = remark;
    mutation.mutate(
      { body, version },
      {
        onSuccess: () => {
          notifications.show({
            message: t('caseDetails.done', { operation: t('caseDetails.operations.edit') }),
            color: 'green',
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('caseDetails.edit.title')}
          value={title}
          onChange={(event) => {
            setTitle(event.currentTarget.value);
            setNothing(false);
          }}
          maxLength={CASE_LIMITS.titleMax}
          {...requiredField}
          error={touched ? titleError : undefined}
          data-autofocus
        />
        <Textarea
          label={t('caseDetails.edit.description')}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
            setNothing(false);
          }}
          maxLength={CASE_LIMITS.descriptionMax}
          {...requiredField}
          autosize
          minRows={3}
          maxRows={12}
          error={touched ? descriptionError : undefined}
        />
        <Group grow align="flex-start" wrap="wrap">
          <DateTimePicker
            label={t('caseDetails.edit.dueAt')}
            description={t('caseDetails.edit.dueAtHint', { zone })}
            value={due}
            onChange={(value) => {
              setDue(value);
              setNothing(false);
            }}
            clearable
            minDate={nowInZone(zone)}
            valueFormat="YYYY-MM-DD HH:mm"
            error={touched ? dueError : undefined}
            miw={220}
          />
          <TextInput
            label={t('caseDetails.edit.contactPhone')}
            value={contactPhone}
            onChange={(event) => {
              setContactPhone(event.currentTarget.value);
              setNothing(false);
            }}
            maxLength={CASE_LIMITS.contactPhoneMax}
            miw={180}
          />
        </Group>
        <CustomerSelect
          value={customerId}
          current={customer}
          onChange={(value) => {
            setCustomerId(value);
            setNothing(false);
          }}
        />
        {(caseType?.customFields ?? []).map((field) => (
          <CustomFieldInput
            key={field.key}
            field={field}
            value={customFields[field.key]}
            onChange={(value) => {
              setCustomFields((fields) => ({ ...fields, [field.key]: value }));
              setNothing(false);
            }}
            error={
              mutation.error instanceof ApiError
                ? mutation.error.fieldErrors.find((item) => item.field === `customFields.${field.key}`)
                    ?.message
                : undefined
            }
          />
        ))}
        <RemarkField value={remark} onChange={setRemark} />
        {nothing && (
          <Alert color="yellow" role="alert">
            {t('caseDetails.edit.noChanges')}
          </Alert>
        )}
        <ServerError error={mutation.error} caseId={caseData.id} onReloaded={onReloaded} />
        <DialogActions
          onBack={onClose}
          confirmLabel={t('caseDetails.operations.edit')}
          pending={mutation.isPending}
        />
      </Stack>
    </form>
  );
}

/** The case's customer: the current one, or another found by name, phone or e-mail. */
function CustomerSelect({
  value,
  current,
  onChange,
}: {
  value: string;
  current: Customer | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<Customer | undefined>(current);
  const found = useQuery({
    queryKey: ['customers', 'search', query],
    queryFn: ({ signal }) =>
      apiRequest<Page<Customer>>('/api/v1/customers', { query: { q: query, limit: 10 }, signal }),
    enabled: query.length >= 2,
  });
  const options = new Map<string, string>();
  const label = (customer: Customer) =>
    customer.phones[0] ? `${customer.name} (${customer.phones[0]})` : customer.name;
  if (current) options.set(current.id, label(current));
  if (picked) options.set(picked.id, label(picked));
  for (const customer of found.data?.items ?? []) options.set(customer.id, label(customer));
  return (
    <Select
      label={t('caseDetails.edit.customer')}
      placeholder={t('caseDetails.edit.customerPlaceholder')}
      data={[...options].map(([id, text]) => ({ value: id, label: text }))}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('caseDetails.dialog.nobody')}
      onChange={(id) => {
        if (!id) return;
        setPicked(found.data?.items.find((customer) => customer.id === id) ?? picked);
        onChange(id);
      }}
    />
  );
}
