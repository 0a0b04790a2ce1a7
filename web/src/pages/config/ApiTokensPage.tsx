import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import { useNames } from '../../api/directory';
import type { ApiToken, CreatedToken } from '../../api/types';
import { useSession } from '../../auth/session';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { configKeys } from './shared/data';
import { LocalDates } from './shared/dates';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, useValidation, ProblemAlert } from './shared/errors';
import { useEditor } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions } from './shared/PageParts';
import { REQUIRED, SwitchField } from './shared/forms';

const INVALIDATE = [configKeys.tokens];

function tomorrow(): Date {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  return date;
}

/** Creates a token, then shows its secret once with a copy button. */
function TokenDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const small = useMediaQuery('(max-width: 36em)');
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const validation = useValidation(() =>
    name.trim() === '' ? [{ field: 'name', message: t('config.form.required') }] : [],
  );
  const create = useMutation({
    mutationFn: () =>
      apiRequest<CreatedToken>('/api/v1/auth/tokens', {
        method: 'POST',
        body: {
          name: name.trim(),
          // The end of the chosen day, in this browser's time.
          ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: configKeys.tokens });
    },
  });
  const error = validation.error ?? create.error;
  const secret = create.data?.token;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={secret ? t('config.tokens.createdTitle') : t('config.tokens.new')}
      size="lg"
      fullScreen={small}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {secret ? (
        <Stack>
          <Alert color="yellow" title={t('config.tokens.copyNowTitle')}>
            {t('config.tokens.copyNow')}
          </Alert>
          <Code
            block
            data-testid="api-token-secret"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          >
            {secret}
          </Code>
          <Group justify="flex-end" gap="sm">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? t('config.tokens.copied') : t('config.tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose} data-autofocus>
              {t('common.back')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (validation.check() && !create.isPending) create.mutate();
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('config.tokens.newIntro')}
            </Text>
            <TextInput
              label={t('config.tokens.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              maxLength={LIMITS.nameMax}
              {...REQUIRED}
              data-autofocus
              error={fieldError(error, 'name')}
            />
            <LocalDates>
              <DatePickerInput
                label={t('config.tokens.expiresOn')}
                description={t('config.tokens.expiresOnHint')}
                placeholder={t('config.tokens.never')}
                value={expiresOn}
                onChange={(value) => setExpiresOn(typeof value === 'string' ? value : null)}
                minDate={tomorrow()}
                clearable
                valueFormat="YYYY-MM-DD"
                error={fieldError(error, 'expiresAt')}
              />
            </LocalDates>
            <ProblemAlert error={error} shownFields={['name', 'expiresAt']} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.back')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const [all, setAll] = useState(false);
  const showAll = all && session.isTenantAdmin;
  const tokens = useQuery({
    queryKey: [...configKeys.tokens, showAll],
    queryFn: async () =>
      (
        await apiRequest<{ items: ApiToken[] }>('/api/v1/auth/tokens', {
          query: { all: showAll || undefined },
        })
      ).items,
  });
  const editor = useEditor<never>();
  const [revoking, setRevoking] = useState<DeleteTarget | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, session.locale, session.timeZone) : null);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.tokens')}
        description={t('config.tokens.intro')}
        action={<NewButton label={t('config.tokens.new')} onClick={editor.openNew} />}
      />
      {session.isTenantAdmin && (
        <SwitchField
          label={t('config.tokens.showAll')}
          checked={all}
          onChange={(event) => setAll(event.currentTarget.checked)}
        />
      )}
      {tokens.isPending ? (
        <LoadingSkeleton />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState message={t('config.tokens.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.tokens')}
          minWidth={720}
          head={
            <>
              <Table.Th>{t('config.tokens.name')}</Table.Th>
              {showAll && <Table.Th>{t('config.tokens.owner')}</Table.Th>}
              <Table.Th>{t('config.tokens.created')}</Table.Th>
              <Table.Th>{t('config.tokens.expires')}</Table.Th>
              <Table.Th>{t('config.tokens.lastUsed')}</Table.Th>
              <ActionsHead />
            </>
          }
        >
          {tokens.data.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {token.name}
                </Text>
              </Table.Td>
              {showAll && <Table.Td>{names.user(token.userId) ?? t('common.unknownUser')}</Table.Td>}
              <Table.Td>{when(token.createdAt)}</Table.Td>
              <Table.Td>{when(token.expiresAt) ?? t('config.tokens.never')}</Table.Td>
              <Table.Td>{when(token.lastUsedAt) ?? t('config.tokens.neverUsed')}</Table.Td>
              <RowActions name={token.name}>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('config.tokens.revokeNamed', { name: token.name })}
                  onClick={() => setRevoking({ path: `/api/v1/auth/tokens/${token.id}`, name: token.name })}
                >
                  {t('config.tokens.revoke')}
                </Button>
              </RowActions>
            </Table.Tr>
          ))}
        </ConfigTable>
      )}
      <TokenDialog key={editor.seq} opened={editor.opened} onClose={editor.close} />
      <DeleteDialog
        target={revoking}
        onClose={() => setRevoking(null)}
        invalidate={INVALIDATE}
        title={t('config.tokens.revokeTitle')}
        message={revoking ? t('config.tokens.revokeQuestion', { name: revoking.name }) : undefined}
        confirmLabel={t('config.tokens.revoke')}
        doneMessage={t('config.tokens.revoked')}
      />
    </Stack>
  );
}
