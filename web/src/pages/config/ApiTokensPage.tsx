import { Alert, Button, Code, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client';
import { useNames } from '../../api/directory';
import type { ApiToken, CreatedToken } from '../../api/types';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';
import { ConfigDialog } from './shared/ConfigDialog';
import { configKeys, useConfigList } from './shared/data';
import { LocalDates } from './shared/dates';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, requiredFields, useValidation } from './shared/errors';
import { NameInput, SwitchField } from './shared/forms';
import { useEditor } from './shared/hooks';
import { Loaded } from './shared/Loaded';
import { ConfigPage, NewButton } from './shared/PageParts';
import { asListed, NameCell, ResourceTable } from './shared/ResourceTable';
import { SaveForm } from './shared/SaveForm';

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
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const validation = useValidation(() => requiredFields({ name }, t('config.form.required')));
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
    <ConfigDialog
      opened={opened}
      onClose={onClose}
      title={secret ? t('config.tokens.createdTitle') : t('config.tokens.new')}
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
        <SaveForm
          onSubmit={() => {
            if (validation.check() && !create.isPending) create.mutate();
          }}
          form={{ saving: create.isPending, error }}
          shownFields={['name', 'expiresAt']}
          onBack={onClose}
        >
          <Text size="sm" c="dimmed">
            {t('config.tokens.newIntro')}
          </Text>
          <NameInput
            label={t('config.tokens.name')}
            value={name}
            onChange={setName}
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
        </SaveForm>
      )}
    </ConfigDialog>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const [all, setAll] = useState(false);
  const showAll = all && session.isTenantAdmin;
  const tokens = useConfigList<ApiToken>([...configKeys.tokens, showAll], '/api/v1/auth/tokens', {
    all: showAll || undefined,
  });
  // Tokens are only created here, never edited: the editor opens the new-token dialog.
  const editor = useEditor<never>();
  const [revoking, setRevoking] = useState<DeleteTarget | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, session.locale, session.timeZone) : null);

  return (
    <ConfigPage
      title={t('config.pages.tokens')}
      description={t('config.tokens.intro')}
      action={<NewButton label={t('config.tokens.new')} onClick={editor.openNew} />}
    >
      {session.isTenantAdmin && (
        <SwitchField
          label={t('config.tokens.showAll')}
          checked={all}
          onChange={(event) => setAll(event.currentTarget.checked)}
        />
      )}
      <Loaded query={tokens} empty={{ when: (list) => list.length === 0, message: t('config.tokens.empty') }}>
        {(list) => (
          <ResourceTable
            caption={t('config.pages.tokens')}
            minWidth={720}
            head={
              <>
                <Table.Th>{t('config.tokens.name')}</Table.Th>
                {showAll && <Table.Th>{t('config.tokens.owner')}</Table.Th>}
                <Table.Th>{t('config.tokens.created')}</Table.Th>
                <Table.Th>{t('config.tokens.expires')}</Table.Th>
                <Table.Th>{t('config.tokens.lastUsed')}</Table.Th>
              </>
            }
            rows={asListed(list)}
            cells={(token) => (
              <>
                <NameCell name={token.name} />
                {showAll && <Table.Td>{names.user(token.userId) ?? t('common.unknownUser')}</Table.Td>}
                <Table.Td>{when(token.createdAt)}</Table.Td>
                <Table.Td>{when(token.expiresAt) ?? t('config.tokens.never')}</Table.Td>
                <Table.Td>{when(token.lastUsedAt) ?? t('config.tokens.neverUsed')}</Table.Td>
              </>
            )}
            actions={(token) => (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                aria-label={t('config.tokens.revokeNamed', { name: token.name })}
                onClick={() => setRevoking({ path: `/api/v1/auth/tokens/${token.id}`, name: token.name })}
              >
                {t('config.tokens.revoke')}
              </Button>
            )}
          />
        )}
      </Loaded>
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
    </ConfigPage>
  );
}
