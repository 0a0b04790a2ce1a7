import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIMITS, GENDERS, LIMITS } from '../../../../contract/constants';
import { ApiError } from '../../api/client';
import { useOus } from '../../api/directory';
import type { Customer } from '../../api/types';
import { errorMessage } from '../../components/PageState';
import type { CustomerBody, Gender } from './customerApi';

// A closed Select's options leave the DOM, so its label names only the input (Mantine keeps them by default).
const CLOSED_UNMOUNTED = { keepMounted: false } as const;

interface Values {
  name: string;
  gender: Gender | null;
  phones: string[];
  email: string;
  company: string;
  address: string;
  remark: string;
  ouId: string | null;
}

function initialValues(customer?: Customer): Values {
  return {
    name: customer?.name ?? '',
    gender: customer?.gender ?? null,
    phones: customer && customer.phones.length > 0 ? [...customer.phones] : [''],
    email: customer?.email ?? '',
    company: customer?.company ?? '',
    address: customer?.address ?? '',
    remark: customer?.remark ?? '',
    ouId: customer?.ouId ?? null,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const orNull = (value: string) => (value.trim() ? value.trim() : null);

/**
 * The customer's fields, for creating and editing. Limits come from contract/constants; the server's
 * refusal is shown on its field (errors[].field, e.g. `phones.1`) or above the buttons.
 */
export function CustomerForm({
  customer,
  submitLabel,
  pending,
  error,
  onSubmit,
  onBack,
}: {
  customer?: Customer;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CustomerBody) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const ous = useOus();
  const [values, setValues] = useState<Values>(() => initialValues(customer));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Where each non-empty phone went in the body, so the server's `phones.N` lands on the right input.
  const [sentPhoneIndexes, setSentPhoneIndexes] = useState<number[]>([]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => {
      if (!(key in previous)) return previous;
      const { [key]: _cleared, ...rest } = previous;
      return rest;
    });
  };

  const serverErrors: Record<string, string> = {};
  if (error instanceof ApiError)
    for (const item of error.fieldErrors) {
      const phone = /^phones\.(\d+)$/.exec(item.field);
      const field = phone ? `phones.${sentPhoneIndexes[Number(phone[1])] ?? Number(phone[1])}` : item.field;
      serverErrors[field] ??= item.message;
    }
  const fieldError = (field: string) => errors[field] ?? serverErrors[field];
  const unplacedServerErrors =
    error instanceof ApiError &&
    error.fieldErrors.some(
      (item) =>
        !['name', 'gender', 'email', 'company', 'address', 'remark', 'ouId'].includes(item.field) &&
        !item.field.startsWith('phones'),
    );

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!values.name.trim()) next.name = t('customers.validation.nameRequired');
    if (values.email.trim() && !EMAIL.test(values.email.trim()))
      next.email = t('customers.validation.emailInvalid');
    const seen = new Set<string>();
    values.phones.forEach((phone, index) => {
      const number = phone.trim();
      if (!number) return;
      if (seen.has(number)) next[`phones.${index}`] = t('customers.validation.phoneDuplicate');
      seen.add(number);
    });
    setErrors(next);
    if (Object.keys(next).length > 0) {
      const first = Object.keys(next)[0] ?? '';
      document.getElementById(`customer-field-${first.replace('.', '-')}`)?.focus();
      return;
    }
    const indexes: number[] = [];
    const phones: string[] = [];
    values.phones.forEach((phone, index) => {
      if (phone.trim()) {
        indexes.push(index);
        phones.push(phone.trim());
      }
    });
    setSentPhoneIndexes(indexes);
    onSubmit({
      name: values.name.trim(),
      gender: values.gender,
      phones,
      email: orNull(values.email),
      company: orNull(values.company),
      address: orNull(values.address),
      remark: values.remark.trim() ? values.remark : null,
      ouId: values.ouId,
    });
  };

  const showGeneralError =
    Boolean(error) &&
    (!(error instanceof ApiError) || error.fieldErrors.length === 0 || unplacedServerErrors);

  return (
    <form onSubmit={submit} noValidate aria-busy={pending || undefined}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            id="customer-field-name"
            label={t('customers.fields.name')}
            required
            withAsterisk={false}
            data-autofocus
            value={values.name}
            maxLength={CUSTOMER_LIMITS.nameMax}
            error={fieldError('name')}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <Select
            comboboxProps={CLOSED_UNMOUNTED}
            id="customer-field-gender"
            label={t('customers.fields.gender')}
            placeholder={t('customers.fields.genderPlaceholder')}
            clearable
            value={values.gender}
            error={fieldError('gender')}
            data={GENDERS.map((gender) => ({ value: gender, label: t(`enums.gender.${gender}`) }))}
            onChange={(value) => set('gender', value)}
          />
          <TextInput
            id="customer-field-email"
            type="email"
            autoComplete="off"
            label={t('customers.fields.email')}
            value={values.email}
            maxLength={LIMITS.emailMax}
            error={fieldError('email')}
            onChange={(event) => set('email', event.currentTarget.value)}
          />
          <TextInput
            id="customer-field-company"
            label={t('customers.fields.company')}
            value={values.company}
            maxLength={CUSTOMER_LIMITS.companyMax}
            error={fieldError('company')}
            onChange={(event) => set('company', event.currentTarget.value)}
          />
          <Select
            comboboxProps={CLOSED_UNMOUNTED}
            id="customer-field-ouId"
            label={t('customers.fields.ou')}
            placeholder={t('customers.fields.ouPlaceholder')}
            clearable
            searchable
            value={values.ouId}
            error={fieldError('ouId')}
            data={(ous.data ?? []).map((ou) => ({ value: ou.id, label: ou.name }))}
            onChange={(value) => set('ouId', value)}
          />
        </SimpleGrid>

        <Fieldset
          legend={t('customers.fields.phones')}
          variant="unstyled"
          styles={{ legend: { fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)' } }}
        >
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('customers.fields.phonesHint', { max: CUSTOMER_LIMITS.maxPhones })}
            </Text>
            {values.phones.map((phone, index) => (
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  id={`customer-field-phones-${index}`}
                  style={{ flex: 1 }}
                  type="tel"
                  label={t('customers.fields.phone', { n: index + 1 })}
                  value={phone}
                  maxLength={LIMITS.phoneMax}
                  error={fieldError(`phones.${index}`)}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setValues((previous) => ({
                      ...previous,
                      phones: previous.phones.map((item, at) => (at === index ? value : item)),
                    }));
                  }}
                />
                {values.phones.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mt={25}
                    aria-label={t('customers.fields.removePhone', { n: index + 1 })}
                    onClick={() =>
                      setValues((previous) => ({
                        ...previous,
                        phones: previous.phones.filter((_, at) => at !== index),
                      }))
                    }
                  >
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                )}
              </Group>
            ))}
            {values.phones.length < CUSTOMER_LIMITS.maxPhones && (
              <Group>
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => {
                    const at = values.phones.length;
                    setValues((previous) => ({ ...previous, phones: [...previous.phones, ''] }));
                    requestAnimationFrame(() =>
                      document.getElementById(`customer-field-phones-${at}`)?.focus(),
                    );
                  }}
                >
                  {t('customers.fields.addPhone')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        <Textarea
          id="customer-field-address"
          label={t('customers.fields.address')}
          autosize
          minRows={2}
          maxRows={5}
          value={values.address}
          maxLength={CUSTOMER_LIMITS.addressMax}
          error={fieldError('address')}
          onChange={(event) => set('address', event.currentTarget.value)}
        />
        <Textarea
          id="customer-field-remark"
          label={t('customers.fields.remark')}
          autosize
          minRows={2}
          maxRows={8}
          value={values.remark}
          maxLength={CUSTOMER_LIMITS.remarkMax}
          error={fieldError('remark')}
          onChange={(event) => set('remark', event.currentTarget.value)}
        />

        {showGeneralError && (
          <Alert color="red" role="alert" title={t('customers.form.failed')}>
            <Text size="sm">{errorMessage(error, t('common.networkError'))}</Text>
          </Alert>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The dialog around the form (new and edit): two columns wide, the whole screen on a phone. */
export function CustomerFormDialog({
  title,
  opened,
  onClose,
  children,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  /** The form, mounted only while the dialog is open (so it starts afresh each time). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      fullScreen={narrow}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && children}
    </Modal>
  );
}
