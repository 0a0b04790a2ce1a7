// The create-case dialog (POST /api/v1/cases). Loaded on demand; other pages may reuse it:
//   const CreateCaseDialog = lazy(async () => ({
//     default: (await import('../workbench/CreateCaseDialog')).CreateCaseDialog }));
import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateTimePicker, DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_LIMITS, CUSTOMER_LIMITS, LIMITS, ORIGINS, PRIORITIES } from '../../../../contract/constants';
import { ApiError, apiRequest, newIdempotencyKey } from '../../api/client';
import { useCaseTypes } from '../../api/directory';
import { queryKeys } from '../../api/keys';
import type { Case, CaseInput, Origin, Priority } from '../../api/types';
import { useSession } from '../../auth/session';
import { AssigneePicker, type Assignee } from '../../components/AssigneePicker';
import { errorMessage } from '../../components/PageState';
import { CustomerPicker } from './CustomerPicker';
import { epochToWall, wallToEpoch } from './time';
import classes from './Workbench.module.css';
import { CustomFieldInput, type CustomFieldValue } from '../../components/CustomFieldInput';

/** A required field: `required` for the browser and assistive technology, the mark drawn by CSS. */
const REQUIRED = { required: true, withAsterisk: false, classNames: { label: classes.required } } as const;

type CustomValue = CustomFieldValue;

export interface CreateCaseInitial {
  typeId?: string;
  title?: string;
  description?: string;
  priority?: Priority;
  origin?: Origin;
  customerId?: string;
  interactionId?: string;
}

export interface CreateCaseDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the new case; the dialog has closed and shown the notification by then. */
  onCreated?: (created: Case) => void;
  /** Go to the new case after creating it (default true). */
  navigateOnCreate?: boolean;
  initial?: CreateCaseInitial;
}

interface FormState {
  typeId: string | null;
  title: string;
  description: string;
  priority: Priority;
  origin: Origin;
  customerMode: 'existing' | 'new';
  customerId: string | null;
  customerName: string;
  phones: string[];
  email: string;
  company: string;
  assignee: Assignee | null;
  auto: boolean;
  dueAt: string | null;
  notifyEmail: boolean;
  notifySms: boolean;
  customFields: Record<string, CustomValue>;
}

type Errors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function initialState(initial: CreateCaseInitial | undefined): FormState {
  return {
    typeId: initial?.typeId ?? null,
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    priority: initial?.priority ?? 'medium',
    origin: initial?.origin ?? 'voice',
    customerMode: 'existing',
    customerId: initial?.customerId ?? null,
    customerName: '',
    phones: [],
    email: '',
    company: '',
    assignee: null,
    auto: false,
    dueAt: null,
    notifyEmail: false,
    notifySms: false,
    customFields: {},
  };
}

function isEmpty(value: CustomValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** The server's field path → the form's error key (nested customer fields and phones fold in). */
function errorKey(field: string): string {
  if (field.startsWith('customer.phones')) return 'phones';
  if (field === 'customer' || field === 'customer.name') return 'customerName';
  if (field === 'customer.email') return 'email';
  if (field === 'customer.company') return 'company';
  if (field === 'queueId' || field === 'assignment') return 'ownerId';
  return field;
}

/** Same dialog and same body → same key, so a retried request cannot create the case twice. */
function idempotencyKey(session: string, body: unknown): string {
  const text = JSON.stringify(body);
  let hash = 5381;
  for (let index = 0; index < text.length; index += 1)
    hash = ((hash << 5) + hash + text.charCodeAt(index)) | 0;
  return `${session}-${(hash >>> 0).toString(36)}`;
}

function CreateCaseForm({
  onClose,
  onCreated,
  navigateOnCreate,
  initial,
}: Omit<CreateCaseDialogProps, 'opened'>) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const types = useCaseTypes();
  const typeList = useMemo(() => (types.data ?? []).filter((type) => type.enabled), [types.data]);
  const [form, setForm] = useState<FormState>(() => initialState(initial));
  const [errors, setErrors] = useState<Errors>({});
  const dialogSession = useRef(newIdempotencyKey());
  // With only one type to choose from, it is chosen.
  const typeId = form.typeId ?? (typeList.length === 1 ? (typeList[0]?.id ?? null) : null);
  const type = typeList.find((item) => item.id === typeId) ?? null;

  const clearError = (key: string) =>
    setErrors((current) =>
      key in current ? Object.fromEntries(Object.entries(current).filter(([name]) => name !== key)) : current,
    );
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    clearError(key);
  };

  const create = useMutation({
    mutationFn: (body: CaseInput) =>
      apiRequest<Case>('/api/v1/cases', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey(dialogSession.current, body) },
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      notifications.show({
        color: 'green',
        title: t('workbench.create.createdTitle'),
        message: t('workbench.create.created', { caseNo: created.caseNo }),
      });
      onClose();
      onCreated?.(created);
      if (navigateOnCreate ?? true) void navigate(`/cases/${created.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const next: Errors = {};
        for (const item of error.fieldErrors) next[errorKey(item.field)] ??= item.message;
        setErrors(next);
      }
    },
  });

  const validate = (): Errors => {
    const found: Errors = {};
    const required = t('workbench.create.required');
    if (!typeId) found.typeId = required;
    if (!form.title.trim()) found.title = required;
    if (!form.description.trim()) found.description = required;
    if (form.customerMode === 'existing') {
      if (!form.customerId) found.customerId = required;
    } else {
      if (!form.customerName.trim()) found.customerName = required;
      if (form.email.trim() && !EMAIL.test(form.email.trim()))
        found.email = t('workbench.create.invalidEmail');
    }
    if (form.dueAt) {
      const due = wallToEpoch(form.dueAt, session.timeZone);
      if (due === null || due <= Date.now()) found.dueAt = t('workbench.create.dueInPast');
    }
    for (const field of type?.customFields ?? [])
      if (field.required && isEmpty(form.customFields[field.key]))
        found[`customFields.${field.key}`] = required;
    return found;
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || !typeId) return;
    const customFields: Record<string, CustomValue> = {};
    for (const field of type?.customFields ?? []) {
      const value = form.customFields[field.key];
      if (!isEmpty(value) && value !== undefined) customFields[field.key] = value;
    }
    const body: CaseInput = {
      typeId,
      title: form.title.trim(),
      description: form.description,
      priority: form.priority,
      origin: form.origin,
      customerNotify: { email: form.notifyEmail, sms: form.notifySms },
      customFields,
    };
    if (form.customerMode === 'existing' && form.customerId) body.customerId = form.customerId;
    else
      body.customer = {
        name: form.customerName.trim(),
        phones: form.phones.map((phone) => phone.trim()).filter(Boolean),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.company.trim() ? { company: form.company.trim() } : {}),
      };
    if (form.auto) body.assignment = 'auto';
    else if (form.assignee) Object.assign(body, form.assignee);
    if (form.dueAt) {
      const due = wallToEpoch(form.dueAt, session.timeZone);
      if (due !== null) body.dueAt = new Date(due).toISOString();
    }
    if (initial?.interactionId) body.interactionId = initial.interactionId;
    create.mutate(body);
  };

  const refused = create.error ? errorMessage(create.error, t('common.networkError')) : null;
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The refusal is at the top of a long form: bring it into view.
    if (create.error) alertRef.current?.scrollIntoView({ block: 'center' });
  }, [create.error]);
  const nowWall = epochToWall(Date.now(), session.timeZone);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {refused && (
          <Alert ref={alertRef} color="red" title={t('workbench.create.refused')} role="alert">
            {refused}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('workbench.create.type')}
            placeholder={t('workbench.create.typePlaceholder')}
            data={typeList.map((item) => ({ value: item.id, label: item.name }))}
            value={typeId}
            onChange={(value) => {
              set('typeId', value);
              set('customFields', {});
            }}
            searchable
            {...REQUIRED}
            error={errors.typeId}
            data-autofocus
            openOnFocus={false}
          />
          <Select
            label={t('workbench.create.priority')}
            data={[...PRIORITIES].reverse().map((value) => ({ value, label: t(`enums.priority.${value}`) }))}
            value={form.priority}
            onChange={(value) => {
              const priority = PRIORITIES.find((item) => item === value);
              if (priority) set('priority', priority);
            }}
            allowDeselect={false}
            {...REQUIRED}
            error={errors.priority}
          />
        </SimpleGrid>
        <TextInput
          label={t('workbench.create.caseTitle')}
          value={form.title}
          maxLength={CASE_LIMITS.titleMax}
          onChange={(event) => set('title', event.currentTarget.value)}
          {...REQUIRED}
          error={errors.title}
        />
        <Textarea
          label={t('workbench.create.description')}
          value={form.description}
          maxLength={CASE_LIMITS.descriptionMax}
          onChange={(event) => set('description', event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          {...REQUIRED}
          error={errors.description}
        />
        <Select
          label={t('workbench.create.origin')}
          data={ORIGINS.map((value) => ({ value, label: t(`enums.origin.${value}`) }))}
          value={form.origin}
          onChange={(value) => {
            const origin = ORIGINS.find((item) => item === value);
            if (origin) set('origin', origin);
          }}
          allowDeselect={false}
          {...REQUIRED}
          error={errors.origin}
        />

        {form.customerMode === 'existing' ? (
          <Stack gap={4}>
            <CustomerPicker
              label={t('workbench.create.customer')}
              placeholder={t('workbench.create.customerPlaceholder')}
              value={form.customerId}
              onChange={(id) => set('customerId', id)}
              {...REQUIRED}
              clearable
              error={errors.customerId}
            />
            <Group>
              <Button variant="subtle" size="compact-sm" onClick={() => set('customerMode', 'new')}>
                {t('workbench.create.newCustomer')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Fieldset legend={t('workbench.create.newCustomer')} variant="filled">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('common.name')}
                  value={form.customerName}
                  maxLength={CUSTOMER_LIMITS.nameMax}
                  onChange={(event) => set('customerName', event.currentTarget.value)}
                  {...REQUIRED}
                  error={errors.customerName ?? errors.customerId}
                />
                <TagsInput
                  label={t('workbench.create.phones')}
                  description={t('workbench.create.phonesDescription', { max: CUSTOMER_LIMITS.maxPhones })}
                  value={form.phones}
                  onChange={(value) =>
                    set(
                      'phones',
                      value.map((phone) => phone.slice(0, LIMITS.phoneMax)),
                    )
                  }
                  maxTags={CUSTOMER_LIMITS.maxPhones}
                  splitChars={[',', ' ', ';']}
                  acceptValueOnBlur
                  error={errors.phones}
                />
                <TextInput
                  label={t('workbench.create.email')}
                  type="email"
                  value={form.email}
                  maxLength={LIMITS.emailMax}
                  onChange={(event) => set('email', event.currentTarget.value)}
                  error={errors.email}
                />
                <TextInput
                  label={t('workbench.create.company')}
                  value={form.company}
                  maxLength={CUSTOMER_LIMITS.companyMax}
                  onChange={(event) => set('company', event.currentTarget.value)}
                  error={errors.company}
                />
              </SimpleGrid>
              <Group>
                <Button variant="subtle" size="compact-sm" onClick={() => set('customerMode', 'existing')}>
                  {t('workbench.create.existingCustomer')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Stack gap={6}>
            <AssigneePicker
              label={t('workbench.create.assignee')}
              description={t('workbench.create.assigneeDescription')}
              value={form.auto ? null : form.assignee}
              onChange={(value) => set('assignee', value)}
              disabled={form.auto}
              clearable
              error={errors.ownerId}
            />
            <Checkbox
              label={t('workbench.create.auto')}
              description={t('workbench.create.autoDescription')}
              checked={form.auto}
              onChange={(event) => set('auto', event.currentTarget.checked)}
            />
          </Stack>
          <DateTimePicker
            label={t('workbench.create.dueAt')}
            aria-label={t('workbench.create.dueAt')}
            description={t('workbench.create.dueAtDescription')}
            value={form.dueAt}
            onChange={(value) => set('dueAt', value)}
            valueFormat="YYYY-MM-DD HH:mm"
            minDate={nowWall}
            clearable
            error={errors.dueAt}
            popoverProps={{ withinPortal: true }}
          />
        </SimpleGrid>

        <Fieldset legend={t('workbench.create.notify')} variant="unstyled">
          <Group gap="lg">
            <Checkbox
              label={t('workbench.create.notifyEmail')}
              checked={form.notifyEmail}
              onChange={(event) => set('notifyEmail', event.currentTarget.checked)}
            />
            <Checkbox
              label={t('workbench.create.notifySms')}
              checked={form.notifySms}
              onChange={(event) => set('notifySms', event.currentTarget.checked)}
            />
          </Group>
        </Fieldset>

        {type && type.customFields.length > 0 && (
          <Fieldset legend={t('workbench.create.customFields')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {type.customFields.map((field) => (
                <CustomFieldInput
                  key={field.key}
                  field={field}
                  requiredLabelClass={classes.required}
                  value={form.customFields[field.key]}
                  error={errors[`customFields.${field.key}`]}
                  onChange={(value) => {
                    set('customFields', { ...form.customFields, [field.key]: value });
                    clearError(`customFields.${field.key}`);
                  }}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
        )}
        {types.isError && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(types.error, t('common.networkError'))}
          </Text>
        )}

        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('workbench.create.back')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('workbench.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "New case": type, title, description, priority, origin, the customer (found or created inline),
 * owner or queue (or automatic assignment), due time, customer notification and the type's custom
 * fields. The server's refusal is shown in words, and next to the fields it names.
 */
export function CreateCaseDialog({ opened, onClose, ...rest }: CreateCaseDialogProps) {
  const { t, i18n } = useTranslation();
  const small = useMediaQuery('(max-width: 48em)');
  return (
    <DatesProvider settings={{ locale: i18n.language === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>
      <Modal
        opened={opened}
        onClose={onClose}
        title={t('workbench.create.title')}
        size="lg"
        fullScreen={small}
        closeOnClickOutside={false}
        withCloseButton={false}
      >
        {opened && <CreateCaseForm onClose={onClose} {...rest} />}
      </Modal>
    </DatesProvider>
  );
}
