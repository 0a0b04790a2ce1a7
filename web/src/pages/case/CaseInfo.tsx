import { Anchor, Box, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/directory';
import type { Case, CaseType, Customer } from '../../api/types';
import { useSession } from '../../auth/session';
import { PriorityBadge, StateBadge } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { formatDateTime, formatDuration } from '../../i18n/format';
import { formatCustomFieldValue } from '../../components/CustomFieldInput';

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <Box style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {empty ? t('common.none') : children}
      </Text>
    </Box>
  );
}

/** Every field of the case (SPEC §4) in a two-column grid, custom fields with their type's labels. */
export function CaseInfo({
  caseData,
  caseType,
  customer,
  contactRecordLink,
}: {
  caseData: Case;
  caseType: CaseType | undefined;
  customer: Customer | undefined;
  /** Where the InteractionId links to: this page with the contact record's drawer open. */
  contactRecordLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const time = (iso: string | null) => (iso ? formatDateTime(iso, session.locale, session.timeZone) : null);
  const notify = [
    caseData.customerNotify.email ? t('caseDetails.info.notifyEmail') : null,
    caseData.customerNotify.sms ? t('caseDetails.info.notifySms') : null,
  ].filter((item): item is string => item !== null);
  const definitions = caseType?.customFields ?? [];
  const knownKeys = new Set(definitions.map((field) => field.key));
  const extraKeys = Object.keys(caseData.customFields).filter((key) => !knownKeys.has(key));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-info-heading">
      <Title order={2} size="h4" id="case-info-heading" mb="sm">
        {t('caseDetails.info.heading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
        <Field label={t('caseDetails.info.caseNo')}>{t('caseDetails.caseNo', { no: caseData.caseNo })}</Field>
        <Field label={t('caseDetails.info.type')}>{names.caseType(caseData.typeId) ?? caseType?.name}</Field>
        <Field label={t('caseDetails.info.title')} wide>
          {caseData.title}
        </Field>
        <Field label={t('caseDetails.info.description')} wide>
          {caseData.description}
        </Field>
        <Field label={t('caseDetails.info.state')}>
          <StateBadge state={caseData.state} />
        </Field>
        <Field label={t('caseDetails.info.status')}>{caseData.status}</Field>
        <Field label={t('caseDetails.info.priority')}>
          <PriorityBadge priority={caseData.priority} />
        </Field>
        <Field label={t('caseDetails.info.originalPriority')}>
          {t(`enums.priority.${caseData.originalPriority}`)}
        </Field>
        <Field label={t('caseDetails.info.upgraded')}>
          {caseData.upgraded ? t('caseDetails.info.yes') : t('caseDetails.info.no')}
        </Field>
        <Field label={t('caseDetails.info.origin')}>{t(`enums.origin.${caseData.origin}`)}</Field>
        <Field label={t('caseDetails.info.customer')}>
          {customer ? (
            <Anchor component={Link} to={`/customers/${caseData.customerId}`} size="sm">
              {customer.name}
            </Anchor>
          ) : null}
        </Field>
        <Field label={t('caseDetails.info.contactPhone')}>{caseData.contactPhone}</Field>
        <Field label={t('caseDetails.info.owner')}>
          {caseData.ownerId
            ? (names.user(caseData.ownerId) ?? t('common.unknownUser'))
            : caseData.queueId
              ? t('caseDetails.info.unclaimed')
              : null}
        </Field>
        <Field label={t('caseDetails.info.queue')}>{names.queue(caseData.queueId)}</Field>
        <Field label={t('caseDetails.info.creator')}>
          {names.user(caseData.creatorId) ?? t('common.unknownUser')}
        </Field>
        <Field label={t('caseDetails.info.ou')}>{names.ou(caseData.ouId)}</Field>
        <Field label={t('caseDetails.info.dueAt')}>
          {caseData.dueAt ? (
            <DueCountdown dueAt={caseData.dueAt} running={caseData.state === 'open'} />
          ) : null}
        </Field>
        <Field label={t('caseDetails.info.dueAtSource')}>
          {caseData.dueAtSource === 'sla'
            ? t('caseDetails.info.dueSourceSla')
            : caseData.dueAtSource === 'manual'
              ? t('caseDetails.info.dueSourceManual')
              : null}
        </Field>
        <Field label={t('caseDetails.info.sla')}>
          {caseData.sla
            ? caseData.sla.overdue
              ? t('common.overdueBy', { time: formatDuration(caseData.sla.remainingMs, t) })
              : t('common.dueIn', { time: formatDuration(caseData.sla.remainingMs, t) })
            : null}
        </Field>
        <Field label={t('caseDetails.info.suspendedTime')}>
          {caseData.suspendedMs > 0 ? formatDuration(caseData.suspendedMs, t) : null}
        </Field>
        <Field label={t('caseDetails.info.reopened')}>
          {caseData.reopened
            ? t('caseDetails.info.reopenedTimes', { count: caseData.reopenCount })
            : t('caseDetails.info.no')}
        </Field>
        <Field label={t('caseDetails.info.mergedInto')}>
          {caseData.mergedIntoId ? (
            <Anchor component={Link} to={`/cases/${caseData.mergedIntoId}`} size="sm">
              {t('caseDetails.openMainCase')}
            </Anchor>
          ) : null}
        </Field>
        <Field label={t('caseDetails.info.interactionId')}>
          {caseData.interactionId ? (
            <Anchor
              component={Link}
              to={contactRecordLink(caseData.interactionId)}
              size="sm"
              style={{ overflowWrap: 'anywhere' }}
              aria-haspopup="dialog"
            >
              {caseData.interactionId}
            </Anchor>
          ) : null}
        </Field>
        <Field label={t('caseDetails.info.customerNotify')}>
          {notify.length > 0 ? notify.join(', ') : t('caseDetails.info.notifyNone')}
        </Field>
        <Field label={t('caseDetails.info.createdAt')}>{time(caseData.createdAt)}</Field>
        <Field label={t('caseDetails.info.updatedAt')}>{time(caseData.updatedAt)}</Field>
        <Field label={t('caseDetails.info.closedAt')}>{time(caseData.closedAt)}</Field>
        <Field label={t('caseDetails.info.version')}>{caseData.version}</Field>
        {definitions.map((field) => (
          <Field key={field.key} label={field.label}>
            {formatCustomFieldValue(caseData.customFields[field.key])}
          </Field>
        ))}
        {extraKeys.map((key) => (
          <Field key={key} label={key}>
            {formatCustomFieldValue(caseData.customFields[key])}
          </Field>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
