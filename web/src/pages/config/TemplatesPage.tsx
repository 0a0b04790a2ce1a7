import {
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  TEMPLATE_KINDS,
  TEMPLATE_LIMITS,
  TEMPLATE_VARIABLES,
  type Channel,
  type TemplateKind,
} from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import type { Template, TemplateInput, TemplatePreview } from '../../api/types';
import { configKeys, useConfigList } from './shared/data';
import { fieldError } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { NameInput, REQUIRED, SwitchField } from './shared/forms';
import { OnOffBadge } from './shared/PageParts';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'kind', 'channel', 'subject', 'body', 'enabled'];
const INVALIDATE = [configKeys.templates];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const CUSTOM_FIELD_VARIABLE = /^customFields\.[a-zA-Z][a-zA-Z0-9_]{0,31}$/;

/** The `{{names}}` of a text that templates may not use (the server refuses them too). */
function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter(
      (name) =>
        !(TEMPLATE_VARIABLES as readonly string[]).includes(name) && !CUSTOM_FIELD_VARIABLE.test(name),
    );
}

function isKind(value: string | null): value is TemplateKind {
  return value !== null && (TEMPLATE_KINDS as readonly string[]).includes(value);
}
function isChannel(value: string | null): value is Channel {
  return value !== null && (CHANNELS as readonly string[]).includes(value);
}

function TemplateForm({ item: template, opened, onClose }: ResourceFormProps<Template>) {
  const { t } = useTranslation();
  const [name, setName] = useState(template?.name ?? '');
  const [kind, setKind] = useState<TemplateKind>(template?.kind ?? 'automatic');
  const [channel, setChannel] = useState<Channel>(template?.channel ?? 'email');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [enabled, setEnabled] = useState(template?.enabled ?? true);
  // The name is checked once a save was tried (a preview does not need it).
  const [forSave, setForSave] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');
  const ids = useId();
  const preview = useMutation({
    mutationFn: () =>
      apiRequest<TemplatePreview>('/api/v1/reminder-templates/preview', {
        method: 'POST',
        body: { kind, channel, body, ...(channel === 'email' && subject.trim() ? { subject } : {}) },
      }),
  });
  const isEmail = channel === 'email';
  const previewRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (preview.data) previewRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [preview.data]);

  /** Refusals found before anything is sent: empty fields and unknown variables. */
  const check = (needName: boolean): FieldError[] => {
    const problems: FieldError[] = [];
    if (needName && name.trim() === '') problems.push({ field: 'name', message: t('config.form.required') });
    if (body.trim() === '') problems.push({ field: 'body', message: t('config.form.required') });
    const texts = [['body', body], ...(isEmail ? [['subject', subject]] : [])] as const;
    for (const [field, text] of texts) {
      const unknown = unknownVariables(text);
      if (unknown.length > 0)
        problems.push({
          field,
          message: t('config.templates.unknownVariables', {
            names: unknown.map((n) => `{{${n}}}`).join(', '),
          }),
        });
    }
    return problems;
  };
  const form = useSaveResource<Template>({
    collection: '/api/v1/reminder-templates',
    item: template,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate: () => check(forSave),
  });
  const error = form.error ?? preview.error;

  const insert = (variable: string) => {
    const token = `{{${variable}}}`;
    const target = isEmail && lastField.current === 'subject' ? 'subject' : 'body';
    const element = target === 'subject' ? subjectRef.current : bodyRef.current;
    const value = target === 'subject' ? subject : body;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + token + value.slice(end);
    if (target === 'subject') setSubject(next);
    else setBody(next);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = () => {
    preview.reset();
    setForSave(true);
    form.check();
    if (check(true).length > 0) return;
    const input: TemplateInput = {
      name: name.trim(),
      kind,
      channel,
      body,
      enabled,
      ...(isEmail && subject.trim() !== '' ? { subject } : {}),
    };
    // A change sends the subject even when cleared (or the template is now SMS): null drops the
    // stored one.
    form.save(
      template === null ? input : { ...input, subject: isEmail && subject.trim() !== '' ? subject : null },
    );
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={template ? t('config.templates.editTitle', { name: template.name }) : t('config.templates.new')}
      onSubmit={submit}
      form={{ saving: form.saving, error }}
      shownFields={SHOWN}
      size="xl"
      extraActions={
        <Button
          variant="light"
          loading={preview.isPending}
          onClick={() => {
            if (form.check()) preview.mutate();
          }}
        >
          {t('config.templates.preview')}
        </Button>
      }
    >
      <NameInput
        label={t('config.templates.name')}
        value={name}
        onChange={setName}
        error={fieldError(error, 'name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('config.templates.kind')}
          description={t(`config.templates.kindHint.${kind}`)}
          data={TEMPLATE_KINDS.map((value) => ({ value, label: t(`config.templates.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            if (isKind(value)) setKind(value);
          }}
          allowDeselect={false}
          {...REQUIRED}
          error={fieldError(error, 'kind')}
        />
        <Select
          label={t('config.templates.channel')}
          data={CHANNELS.map((value) => ({ value, label: t(`config.templates.channels.${value}`) }))}
          value={channel}
          onChange={(value) => {
            if (isChannel(value)) setChannel(value);
          }}
          allowDeselect={false}
          {...REQUIRED}
          error={fieldError(error, 'channel')}
        />
      </SimpleGrid>
      {isEmail && (
        <TextInput
          ref={subjectRef}
          label={t('config.templates.subject')}
          value={subject}
          onChange={(event) => setSubject(event.currentTarget.value)}
          onFocus={() => {
            lastField.current = 'subject';
          }}
          maxLength={TEMPLATE_LIMITS.subjectMax}
          error={fieldError(error, 'subject')}
        />
      )}
      <Textarea
        ref={bodyRef}
        label={t('config.templates.body')}
        description={t('config.templates.bodyHint', { max: TEMPLATE_LIMITS.bodyMax.toLocaleString() })}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onFocus={() => {
          lastField.current = 'body';
        }}
        maxLength={TEMPLATE_LIMITS.bodyMax}
        autosize
        minRows={5}
        maxRows={14}
        {...REQUIRED}
        error={fieldError(error, 'body')}
      />
      <Stack gap={6}>
        <Text size="sm" fw={500} id={`${ids}-variables`}>
          {t('config.templates.variables')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('config.templates.variablesHint')}
        </Text>
        <Group gap={6} role="group" aria-labelledby={`${ids}-variables`}>
          {TEMPLATE_VARIABLES.map((variable) => (
            <Button
              key={variable}
              size="compact-xs"
              variant="light"
              color="gray"
              ff="monospace"
              tt="none"
              aria-label={t('config.templates.insert', { variable: `{{${variable}}}` })}
              onClick={() => insert(variable)}
            >
              {`{{${variable}}}`}
            </Button>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {t('config.templates.customFieldVariable')} <Code>{'{{customFields.<key>}}'}</Code>
        </Text>
      </Stack>
      <SwitchField
        label={t('config.templates.enabled')}
        description={t('config.templates.enabledHint')}
        checked={enabled}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
        error={fieldError(error, 'enabled')}
      />
      {preview.data && !preview.isPending && (
        <Paper ref={previewRef} withBorder p="sm" component="section" aria-labelledby={`${ids}-preview`}>
          <Stack gap="xs">
            <Title order={3} size="h5" id={`${ids}-preview`}>
              {t('config.templates.previewTitle')}
            </Title>
            {preview.data.subject !== null && isEmail && (
              <Text size="sm">
                <Text span fw={600}>
                  {t('config.templates.subject')}:
                </Text>{' '}
                {preview.data.subject}
              </Text>
            )}
            <Code block style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview-text">
              {preview.data.text}
            </Code>
          </Stack>
        </Paper>
      )}
    </FormModal>
  );
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useConfigList<Template>(configKeys.templates, '/api/v1/reminder-templates');
  return (
    <ResourceListPage
      title={t('config.pages.templates')}
      description={t('config.templates.intro')}
      newLabel={t('config.templates.new')}
      emptyMessage={t('config.templates.empty')}
      query={templates}
      minWidth={760}
      head={
        <>
          <Table.Th>{t('config.templates.name')}</Table.Th>
          <Table.Th>{t('config.templates.kind')}</Table.Th>
          <Table.Th>{t('config.templates.channel')}</Table.Th>
          <Table.Th>{t('config.templates.subject')}</Table.Th>
          <Table.Th>{t('config.templates.enabled')}</Table.Th>
        </>
      }
      cells={(template) => (
        <>
          <NameCell name={template.name} />
          <Table.Td>{t(`config.templates.kinds.${template.kind}`)}</Table.Td>
          <Table.Td>{t(`config.templates.channels.${template.channel}`)}</Table.Td>
          <Table.Td>
            <Text size="sm" lineClamp={1}>
              {template.subject ?? t('common.none')}
            </Text>
          </Table.Td>
          <Table.Td>
            <OnOffBadge
              on={template.enabled}
              onLabel={t('config.common.enabled')}
              offLabel={t('config.common.disabled')}
            />
          </Table.Td>
        </>
      )}
      deletePath={(template) => `/api/v1/reminder-templates/${template.id}`}
      invalidate={INVALIDATE}
      form={(props) => <TemplateForm {...props} />}
    />
  );
}
