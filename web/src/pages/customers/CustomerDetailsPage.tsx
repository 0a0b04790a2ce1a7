import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useNames } from '../../api/directory';
import type { Customer } from '../../api/types';
import { useSession } from '../../auth/session';
import { StateBadge, UpgradedMark } from '../../components/Badges';
import { EmptyState, ErrorState, LoadingSkeleton, errorMessage } from '../../components/PageState';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../i18n/format';
import { CustomerForm, CustomerFormDialog } from './CustomerForm';
import {
  customerKeys,
  useCustomer,
  useCustomerCases,
  useDeleteCustomer,
  useUpdateCustomer,
} from './customerApi';

/** One customer: their details (edit and delete for those who manage customers) and their cases. */
export function CustomerDetailsPage() {
  const { id = '' } = useParams();
  return <CustomerDetails key={id} id={id} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/customers" size="sm">
      <span aria-hidden="true">← </span>
      {t('customers.details.back')}
    </Anchor>
  );
}

function CustomerDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const query = useCustomer(id);
  const canManage = session.can('customers.manage');
  const [editOpen, editDialog] = useDisclosure(false);
  const [deleteOpen, deleteDialog] = useDisclosure(false);

  if (query.isPending)
    return (
      <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
        <BackLink />
        <Skeleton height={36} width="40%" />
        <Paper withBorder p="md">
          <LoadingSkeleton rows={4} />
        </Paper>
        <LoadingSkeleton rows={4} />
      </Stack>
    );

  if (query.isError && !query.data) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Stack gap="md">
        <BackLink />
        <Title order={1}>{t('customers.title')}</Title>
        {missing ? (
          <EmptyState
            message={t('customers.details.notFound')}
            action={
              <Button component={Link} to="/customers" variant="light">
                {t('customers.details.backToList')}
              </Button>
            }
          />
        ) : (
          <Stack gap="xs">
            <Text size="sm">{t('customers.details.loadError')}</Text>
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </Stack>
        )}
      </Stack>
    );
  }

  const customer = query.data;
  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {customer.name}
        </Title>
        {canManage && (
          <Group gap="sm">
            <Button variant="default" onClick={editDialog.open}>
              {t('customers.details.edit')}
            </Button>
            <Button variant="light" color="red" onClick={deleteDialog.open}>
              {t('customers.details.delete')}
            </Button>
          </Group>
        )}
      </Group>
      <CustomerInformation customer={customer} />
      <CustomerCases customerId={customer.id} />
      {canManage && (
        <>
          <EditCustomerDialog customer={customer} opened={editOpen} onClose={editDialog.close} />
          <DeleteCustomerDialog customer={customer} opened={deleteOpen} onClose={deleteDialog.close} />
        </>
      )}
    </Stack>
  );
}

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function CustomerInformation({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const notGiven = (
    <Text span c="dimmed" size="sm">
      {t('customers.details.notGiven')}
    </Text>
  );
  const value = (text: string | null) => (text ? text : notGiven);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-information">
      <Title order={2} size="h4" id="customer-information" mb="sm">
        {t('customers.details.information')}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
        <Field label={t('customers.fields.phones')}>
          {customer.phones.length > 0 ? customer.phones.join('\n') : notGiven}
        </Field>
        <Field label={t('customers.fields.email')}>
          {customer.email ? <Anchor href={`mailto:${customer.email}`}>{customer.email}</Anchor> : notGiven}
        </Field>
        <Field label={t('customers.fields.gender')}>
          {customer.gender ? t(`enums.gender.${customer.gender}`) : notGiven}
        </Field>
        <Field label={t('customers.fields.company')}>{value(customer.company)}</Field>
        <Field label={t('customers.fields.ou')}>{value(names.ou(customer.ouId))}</Field>
        <Field label={t('customers.fields.address')}>{value(customer.address)}</Field>
        <Field label={t('customers.fields.remark')} wide>
          {value(customer.remark)}
        </Field>
        <Field label={t('customers.fields.createdAt')}>
          {formatDateTime(customer.createdAt, session.locale, session.timeZone)}
        </Field>
        <Field label={t('customers.fields.updatedAt')}>
          {formatDateTime(customer.updatedAt, session.locale, session.timeZone)}
        </Field>
      </SimpleGrid>
    </Paper>
  );
}

function CustomerCases({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const cases = useCustomerCases(customerId);
  const total = cases.data?.pages[0]?.total;

  const body = (
    <PagedTable
      query={cases}
      skeletonRows={4}
      loadError={t('customers.cases.loadError')}
      empty={<EmptyState message={t('customers.cases.empty')} />}
      minWidth={680}
      label={t('customers.cases.tableLabel')}
      columns={[
        t('customers.cases.caseNo'),
        t('customers.cases.caseTitle'),
        t('customers.cases.state'),
        t('customers.cases.status'),
        t('customers.cases.created'),
      ]}
    >
      {(item) => (
        <Table.Tr key={item.id} data-case-id={item.id}>
          <Table.Td>
            <Anchor
              component={Link}
              to={`/cases/${item.id}`}
              fw={600}
              aria-label={t('customers.cases.open', { no: item.caseNo })}
            >
              #{item.caseNo}
            </Anchor>
          </Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>
            {item.upgraded && <UpgradedMark />}
            {item.title}
          </Table.Td>
          <Table.Td>
            <StateBadge state={item.state} />
          </Table.Td>
          <Table.Td>{item.status}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(item.createdAt, session.locale, session.timeZone)}
          </Table.Td>
        </Table.Tr>
      )}
    </PagedTable>
  );

  return (
    <section aria-labelledby="customer-cases">
      <Group gap="sm" mb="sm" align="baseline">
        <Title order={2} size="h4" id="customer-cases">
          {t('customers.cases.title')}
        </Title>
        {total !== undefined && (
          <Text size="sm" c="dimmed">
            {t('customers.cases.count', { count: total })}
          </Text>
        )}
      </Group>
      {body}
    </section>
  );
}

/** The customer's edit and delete dialogs. */
interface CustomerDialogProps {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
}

function EditCustomerDialog({ customer, opened, onClose }: CustomerDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateCustomer(customer.id);
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <CustomerFormDialog title={t('customers.form.editTitle')} opened={opened} onClose={close}>
      <CustomerForm
        customer={customer}
        submitLabel={t('customers.form.save')}
        pending={update.isPending}
        error={update.error}
        onBack={close}
        onSubmit={(body) =>
          update.mutate(body, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('customers.saved') });
              close();
            },
          })
        }
      />
    </CustomerFormDialog>
  );
}

function DeleteCustomerDialog({ customer, opened, onClose }: CustomerDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useDeleteCustomer(customer.id);
  const close = () => {
    remove.reset();
    onClose();
  };
  const error = remove.error;
  const inUse = error instanceof ApiError && error.code === 'in_use';
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('customers.details.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('customers.details.deleteBody', { name: customer.name })}</Text>
        {remove.isError && (
          <Alert color="red" role="alert" title={t('customers.details.deleteFailed')}>
            <Stack gap={4}>
              {inUse && <Text size="sm">{t('customers.details.deleteInUse')}</Text>}
              <Text size="sm" c={inUse ? 'dimmed' : undefined}>
                {errorMessage(error, t('common.networkError'))}
              </Text>
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.back')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            disabled={inUse}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  notifications.show({
                    color: 'green',
                    message: t('customers.deleted', { name: customer.name }),
                  });
                  void Promise.resolve(navigate('/customers', { replace: true })).then(() =>
                    queryClient.removeQueries({ queryKey: customerKeys.detail(customer.id) }),
                  );
                },
              })
            }
          >
            {t('customers.details.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
