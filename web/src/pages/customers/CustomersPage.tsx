import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_LIMITS } from '../../../../contract/constants';
import { useNames } from '../../api/directory';
import { useSession } from '../../auth/session';
import { EmptyState } from '../../components/PageState';
import { PagedTable } from '../../components/PagedTable';
import { CustomerForm, CustomerFormDialog } from './CustomerForm';
import { newIdempotencyKey } from '../../api/client';
import { useCreateCustomer, useCustomerList, type CustomerBody } from './customerApi';

const SEARCH_MIN = CASE_LIMITS.searchMin;

/** Customers: search by name, phone or e-mail, the list, and "New customer" for those who manage them. */
export function CustomersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const q = debounced.length >= SEARCH_MIN ? debounced : null;
  const [createOpen, createDialog] = useDisclosure(false);
  // POST /customers: customers.manage, which tenant administrators have (session.can counts them).
  const canManage = session.can('customers.manage');

  // The search lives in the URL, so a search can be shared and Back returns to it.
  const urlQ = params.get('q');
  useEffect(() => {
    if ((urlQ ?? null) === q) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, urlQ, setParams]);

  const list = useCustomerList(q);
  const tooShort = text.trim().length > 0 && text.trim().length < SEARCH_MIN;

  const body = (
    <PagedTable
      query={list}
      skeletonRows={8}
      loadError={t('customers.loadError')}
      empty={
        q ? (
          <EmptyState
            message={t('customers.empty.search', { q })}
            action={
              <Button variant="light" onClick={() => setText('')}>
                {t('customers.clearSearch')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            message={canManage ? t('customers.empty.none') : t('customers.empty.noneReadOnly')}
            action={
              canManage ? (
                <Button variant="light" onClick={createDialog.open}>
                  {t('customers.newCustomer')}
                </Button>
              ) : undefined
            }
          />
        )
      }
      minWidth={760}
      label={t('customers.tableLabel')}
      tableProps={{
        'aria-busy': list.isFetching && !list.isFetchingNextPage ? true : undefined,
        style: { opacity: list.isPlaceholderData ? 0.6 : 1 },
      }}
      columns={[
        t('customers.columns.name'),
        t('customers.columns.phones'),
        t('customers.columns.email'),
        t('customers.columns.company'),
        t('customers.columns.ou'),
      ]}
      summary={(shown, total, capped) =>
        capped ? t('customers.shownCapped', { shown, total }) : t('customers.shown', { shown, total })
      }
    >
      {(customer) => (
        <Table.Tr key={customer.id} data-customer-id={customer.id}>
          <Table.Td>
            <Anchor component={Link} to={`/customers/${customer.id}`} fw={600}>
              {customer.name}
            </Anchor>
          </Table.Td>
          <Table.Td>
            {customer.phones.length > 0 ? (
              <Stack gap={0}>
                {customer.phones.map((phone) => (
                  <Text key={phone} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {phone}
                  </Text>
                ))}
              </Stack>
            ) : (
              t('common.none')
            )}
          </Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>{customer.email ?? t('common.none')}</Table.Td>
          <Table.Td>{customer.company ?? t('common.none')}</Table.Td>
          <Table.Td>{customer.ouId ? (names.ou(customer.ouId) ?? '…') : t('common.none')}</Table.Td>
        </Table.Tr>
      )}
    </PagedTable>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1}>{t('customers.title')}</Title>
        {canManage && <Button onClick={createDialog.open}>{t('customers.newCustomer')}</Button>}
      </Group>
      <TextInput
        type="search"
        aria-label={t('customers.search')}
        placeholder={t('customers.searchPlaceholder')}
        maw={480}
        value={text}
        maxLength={CASE_LIMITS.searchMax}
        description={tooShort ? t('customers.searchHint', { min: SEARCH_MIN }) : undefined}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) setText('');
        }}
      />
      {body}
      {canManage && <NewCustomerDialog opened={createOpen} onClose={createDialog.close} />}
    </Stack>
  );
}

function NewCustomerDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  // One key per dialog opening: a double click or a retry after a lost answer creates one customer.
  const key = useRef<string | null>(null);
  const [lastBody, setLastBody] = useState<string | null>(null);

  const close = () => {
    create.reset();
    key.current = null;
    onClose();
  };

  const submit = (body: CustomerBody) => {
    const serialized = JSON.stringify(body);
    if (!key.current || serialized !== lastBody) key.current = newIdempotencyKey();
    setLastBody(serialized);
    create.mutate(
      { body, key: key.current },
      {
        onSuccess: (customer) => {
          notifications.show({ color: 'green', message: t('customers.created', { name: customer.name }) });
          close();
          void navigate(`/customers/${customer.id}`);
        },
      },
    );
  };

  return (
    <CustomerFormDialog title={t('customers.form.createTitle')} opened={opened} onClose={close}>
      <CustomerForm
        submitLabel={t('customers.form.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={submit}
        onBack={close}
      />
    </CustomerFormDialog>
  );
}
