import {
  Alert,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, TEMPLATE_LIMITS, type Channel } from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import type { Channels, ChannelsInput, ChannelTestResult } from '../../api/types';
import { configKeys } from './shared/data';
import { fieldError, useProblemText } from './shared/errors';
import { REQUIRED, SecretInput, SwitchField } from './shared/forms';
import { Loaded } from './shared/Loaded';
import { ConfigPage } from './shared/PageParts';
import { SaveForm } from './shared/SaveForm';
import { useSaveForm } from './shared/useSaveResource';

const DEFAULT_SMS_TEMPLATE = '{"to": "{{to}}", "text": "{{text}}"}';
const INVALIDATE = [configKeys.channels];
const SMTP_FIELDS = ['smtp.host', 'smtp.port', 'smtp.user', 'smtp.password', 'smtp.from'];
const SMS_FIELDS = ['sms.url', 'sms.authHeader', 'sms.bodyTemplate'];

function ChannelSection({
  title,
  description,
  configured,
  children,
}: {
  title: string;
  description: string;
  configured: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4" id={id}>
            {title}
          </Title>
          <Text size="sm" c={configured ? 'green.8' : 'dimmed'}>
            {configured ? t('config.channels.configured') : t('config.channels.notConfigured')}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/** "Send test" with a recipient, and the outcome in words. */
function TestSend({ channel, configured }: { channel: Channel; configured: boolean }) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const [to, setTo] = useState('');
  const [missing, setMissing] = useState(false);
  const test = useMutation({
    mutationFn: () =>
      apiRequest<ChannelTestResult>('/api/v1/notification-channels/test', {
        method: 'POST',
        body: { channel, to: to.trim() },
      }),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (to.trim() === '') {
          setMissing(true);
          return;
        }
        setMissing(false);
        test.mutate();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('config.channels.testTo')}
            description={
              channel === 'email' ? t('config.channels.testToEmail') : t('config.channels.testToSms')
            }
            type={channel === 'email' ? 'email' : 'tel'}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            maxLength={LIMITS.emailMax}
            {...REQUIRED}
            error={missing ? t('config.form.required') : fieldError(test.error, 'to')}
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit" variant="light" loading={test.isPending}>
            {t('config.channels.sendTest')}
          </Button>
        </Group>
        {!configured && (
          <Text size="xs" c="dimmed">
            {t('config.channels.testNeedsSave')}
          </Text>
        )}
        {test.isError && (
          <Alert color="red" role="alert" title={problem.title(test.error)}>
            {problem.detail(test.error)}
          </Alert>
        )}
        {test.data &&
          !test.isPending &&
          (test.data.ok ? (
            <Alert color="green" role="status" title={t('config.channels.testSent')}>
              {t('config.channels.testSentDetail', { id: test.data.messageId })}
            </Alert>
          ) : (
            <Alert color="red" role="alert" title={t('config.channels.testFailed')}>
              {test.data.error ?? t('config.errors.generic')}
            </Alert>
          ))}
      </Stack>
    </form>
  );
}

function SmtpForm({ current }: { current: Channels['smtp'] }) {
  const { t } = useTranslation();
  const [host, setHost] = useState(current?.host ?? '');
  const [port, setPort] = useState<number | string>(current?.port ?? 587);
  const [secure, setSecure] = useState(current?.secure ?? false);
  const [user, setUser] = useState(current?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(current?.from ?? '');
  const form = useSaveForm<Channels>({
    validate: () => {
      const problems: FieldError[] = [];
      const required = t('config.form.required');
      if (host.trim() === '') problems.push({ field: 'smtp.host', message: required });
      const portNumber = typeof port === 'number' ? port : Number(port);
      if (port === '' || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)
        problems.push({ field: 'smtp.port', message: t('config.channels.portRange') });
      if (from.trim() === '') problems.push({ field: 'smtp.from', message: required });
      return problems;
    },
    invalidate: INVALIDATE,
    // The password is write-only: once stored, the field is empty again ("kept when empty").
    onSaved: () => setPassword(''),
  });

  const submit = () => {
    if (!form.check()) return;
    const portNumber = typeof port === 'number' ? port : Number(port);
    const body: ChannelsInput = {
      smtp: {
        host: host.trim(),
        port: portNumber,
        secure,
        from: from.trim(),
        ...(user.trim() !== '' ? { user: user.trim() } : {}),
        ...(password !== '' ? { password } : {}),
      },
    };
    form.send({ path: '/api/v1/notification-channels', method: 'PUT', body });
  };

  return (
    <SaveForm onSubmit={submit} form={form} shownFields={SMTP_FIELDS} gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('config.channels.host')}
          value={host}
          onChange={(event) => setHost(event.currentTarget.value)}
          maxLength={255}
          {...REQUIRED}
          error={form.fieldError('smtp.host')}
        />
        <NumberInput
          label={t('config.channels.port')}
          value={port}
          onChange={setPort}
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          {...REQUIRED}
          error={form.fieldError('smtp.port')}
        />
      </SimpleGrid>
      <SwitchField
        label={t('config.channels.secure')}
        description={t('config.channels.secureHint')}
        checked={secure}
        onChange={(event) => setSecure(event.currentTarget.checked)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('config.channels.user')}
          autoComplete="off"
          value={user}
          onChange={(event) => setUser(event.currentTarget.value)}
          maxLength={255}
          error={form.fieldError('smtp.user')}
        />
        <SecretInput
          label={t('config.channels.password')}
          description={t('config.channels.writeOnly')}
          placeholder={current?.passwordSet ? t('config.channels.keptWhenEmpty') : undefined}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          maxLength={1024}
          error={form.fieldError('smtp.password')}
        />
      </SimpleGrid>
      <TextInput
        label={t('config.channels.from')}
        description={t('config.channels.fromHint')}
        value={from}
        onChange={(event) => setFrom(event.currentTarget.value)}
        maxLength={LIMITS.emailMax + 100}
        {...REQUIRED}
        error={form.fieldError('smtp.from')}
      />
    </SaveForm>
  );
}

function SmsForm({ current }: { current: Channels['sms'] }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(current?.url ?? '');
  const [authHeader, setAuthHeader] = useState('');
  const [bodyTemplate, setBodyTemplate] = useState(current?.bodyTemplate ?? DEFAULT_SMS_TEMPLATE);
  const form = useSaveForm<Channels>({
    validate: () => {
      const problems: FieldError[] = [];
      const required = t('config.form.required');
      if (url.trim() === '') problems.push({ field: 'sms.url', message: required });
      else if (!/^https?:\/\//i.test(url.trim()))
        problems.push({ field: 'sms.url', message: t('config.channels.urlFormat') });
      if (bodyTemplate.trim() === '') problems.push({ field: 'sms.bodyTemplate', message: required });
      return problems;
    },
    invalidate: INVALIDATE,
    // The header is write-only, like the SMTP password.
    onSaved: () => setAuthHeader(''),
  });

  const submit = () => {
    if (!form.check()) return;
    const body: ChannelsInput = {
      sms: {
        url: url.trim(),
        bodyTemplate,
        ...(authHeader !== '' ? { authHeader } : {}),
      },
    };
    form.send({ path: '/api/v1/notification-channels', method: 'PUT', body });
  };

  return (
    <SaveForm onSubmit={submit} form={form} shownFields={SMS_FIELDS} gap="sm">
      <TextInput
        label={t('config.channels.url')}
        type="url"
        placeholder="https://sms.example.com/send"
        value={url}
        onChange={(event) => setUrl(event.currentTarget.value)}
        maxLength={2000}
        {...REQUIRED}
        error={form.fieldError('sms.url')}
      />
      <SecretInput
        label={t('config.channels.authHeader')}
        description={t('config.channels.authHeaderHint')}
        placeholder={current?.authHeaderSet ? t('config.channels.keptWhenEmpty') : undefined}
        autoComplete="off"
        value={authHeader}
        onChange={(event) => setAuthHeader(event.currentTarget.value)}
        maxLength={2000}
        error={form.fieldError('sms.authHeader')}
      />
      <Textarea
        label={t('config.channels.bodyTemplate')}
        description={t('config.channels.bodyTemplateHint', { toVar: '{{to}}', textVar: '{{text}}' })}
        value={bodyTemplate}
        onChange={(event) => setBodyTemplate(event.currentTarget.value)}
        maxLength={TEMPLATE_LIMITS.smsBodyTemplateMax}
        autosize
        minRows={3}
        maxRows={10}
        {...REQUIRED}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        error={form.fieldError('sms.bodyTemplate')}
      />
    </SaveForm>
  );
}

export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useQuery({
    queryKey: configKeys.channels,
    queryFn: () => apiRequest<Channels>('/api/v1/notification-channels'),
  });

  return (
    <ConfigPage title={t('config.pages.channels')} description={t('config.channels.intro')}>
      <Loaded query={channels} skeletonRows={8}>
        {(current) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ChannelSection
              title={t('config.channels.smtpTitle')}
              description={t('config.channels.smtpIntro')}
              configured={current.smtp !== null}
            >
              <SmtpForm current={current.smtp} />
              <Divider />
              <TestSend channel="email" configured={current.smtp !== null} />
            </ChannelSection>
            <ChannelSection
              title={t('config.channels.smsTitle')}
              description={t('config.channels.smsIntro')}
              configured={current.sms !== null}
            >
              <SmsForm current={current.sms} />
              <Divider />
              <TestSend channel="sms" configured={current.sms !== null} />
            </ChannelSection>
          </SimpleGrid>
        )}
      </Loaded>
    </ConfigPage>
  );
}
