import { NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, SLA_LIMITS } from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import type { Priority, SlaRule, SlaRuleInput } from '../../api/types';
import { formatDuration } from '../../i18n/format';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { configKeys, useAllCaseTypes, useCalendars, useCaseTypeOptions } from './shared/data';
import { DeleteDialog, type DeleteTarget } from './shared/DeleteDialog';
import { fieldError, useValidation } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { useEditor, useSave } from './shared/hooks';
import { ActionsHead, ConfigTable, NewButton, PageHeader, RowActions, StatusBadge } from './shared/PageParts';
import { REQUIRED, SwitchField } from './shared/forms';

const SHOWN = ['name', 'caseTypeId', 'targets', 'warnBeforeMinutes', 'calendarId', 'active'];
const INVALIDATE = [configKeys.slaRules];
/** Highest first, as the form lists them. */
const TARGET_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Priority[];
type Targets = Record<(typeof TARGET_PRIORITIES)[number], number | string>;
const DEFAULT_TARGETS: Targets = { critical: 240, high: 480, medium: 1440, low: 4320 };

function asMinutes(value: number | string): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && value !== '' ? n : null;
}

function SlaRuleForm({
  rule,
  opened,
  onClose,
}: {
  rule: SlaRule | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const typeOptions = useCaseTypeOptions();
  const calendars = useCalendars().data ?? [];
  const [name, setName] = useState(rule?.name ?? '');
  const [caseTypeId, setCaseTypeId] = useState<string | null>(rule?.caseTypeId ?? null);
  const [targets, setTargets] = useState<Targets>(rule?.targets ?? DEFAULT_TARGETS);
  const [warnBefore, setWarnBefore] = useState<number | string>(rule?.warnBeforeMinutes ?? 60);
  const [calendarId, setCalendarId] = useState<string | null>(rule?.calendarId ?? null);
  const [active, setActive] = useState(rule?.active ?? true);
  const validation = useValidation(() => {
    const problems: FieldError[] = [];
    if (name.trim() === '') problems.push({ field: 'name', message: t('config.form.required') });
    for (const priority of TARGET_PRIORITIES) {
      const value = asMinutes(targets[priority]);
      if (value === null || value < 1 || value > SLA_LIMITS.targetMaxMinutes)
        problems.push({
          field: `targets.${priority}`,
          message: t('config.slaRules.minutesRange', { min: 1, max: SLA_LIMITS.targetMaxMinutes }),
        });
    }
    const warn = asMinutes(warnBefore);
    if (warn === null || warn < 0 || warn > SLA_LIMITS.targetMaxMinutes)
      problems.push({
        field: 'warnBeforeMinutes',
        message: t('config.slaRules.minutesRange', { min: 0, max: SLA_LIMITS.targetMaxMinutes }),
      });
    return problems;
  });
  const save = useSave<SlaRule>(INVALIDATE, onClose);
  const error = validation.error ?? save.error;

  const submit = () => {
    if (!validation.check()) return;
    const minutes = {} as Record<(typeof TARGET_PRIORITIES)[number], number>;
    for (const priority of TARGET_PRIORITIES) minutes[priority] = asMinutes(targets[priority]) ?? 1;
    const warn = asMinutes(warnBefore) ?? 0;
    const body: SlaRuleInput = {
      name: name.trim(),
      caseTypeId,
      targets: minutes,
      warnBeforeMinutes: warn,
      calendarId,
      active,
    };
    save.mutate(
      rule
        ? { path: `/api/v1/sla-rules/${rule.id}`, method: 'PATCH', body }
        : { path: '/api/v1/sla-rules', method: 'POST', body },
    );
  };

  const hint = (value: number | string) => {
    const n = asMinutes(value);
    return n !== null && n > 0 ? `= ${formatDuration(n * 60_000, t)}` : undefined;
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={rule ? t('config.slaRules.editTitle', { name: rule.name }) : t('config.slaRules.new')}
      onSubmit={submit}
      saving={save.isPending}
      error={error}
      shownFields={SHOWN}
    >
      <TextInput
        label={t('config.slaRules.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={LIMITS.nameMax}
        {...REQUIRED}
        data-autofocus
        error={fieldError(error, 'name')}
      />
      <Select
        label={t('config.slaRules.caseType')}
        description={t('config.slaRules.caseTypeHint')}
        placeholder={t('config.slaRules.allTypes')}
        data={typeOptions}
        value={caseTypeId}
        onChange={setCaseTypeId}
        searchable
        clearable
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'caseTypeId')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {TARGET_PRIORITIES.map((priority) => (
          <NumberInput
            key={priority}
            label={t(`config.slaRules.target.${priority}`)}
            description={hint(targets[priority])}
            value={targets[priority]}
            onChange={(value) => setTargets((current) => ({ ...current, [priority]: value }))}
            min={1}
            max={SLA_LIMITS.targetMaxMinutes}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            {...REQUIRED}
            error={fieldError(error, `targets.${priority}`)}
          />
        ))}
      </SimpleGrid>
      <NumberInput
        label={t('config.slaRules.warnBefore')}
        description={t('config.slaRules.warnBeforeHint')}
        value={warnBefore}
        onChange={setWarnBefore}
        min={0}
        max={SLA_LIMITS.targetMaxMinutes}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        error={fieldError(error, 'warnBeforeMinutes')}
      />
      <Select
        label={t('config.slaRules.calendar')}
        description={t('config.slaRules.calendarHint')}
        placeholder={t('config.slaRules.noCalendar')}
        data={calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        value={calendarId}
        onChange={setCalendarId}
        clearable
        nothingFoundMessage={t('config.common.nothingFound')}
        error={fieldError(error, 'calendarId')}
      />
      <SwitchField
        label={t('config.slaRules.active')}
        description={t('config.slaRules.activeHint')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
        error={fieldError(error, 'active')}
      />
    </FormModal>
  );
}

export function SlaRulesPage() {
  const { t } = useTranslation();
  const rules = useQuery({
    queryKey: configKeys.slaRules,
    queryFn: async () => (await apiRequest<{ items: SlaRule[] }>('/api/v1/sla-rules')).items,
  });
  const types = useAllCaseTypes().data;
  const calendars = useCalendars().data;
  const editor = useEditor<SlaRule>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const typeName = (id: string | null) =>
    id === null ? t('config.slaRules.allTypes') : (types?.find((type) => type.id === id)?.name ?? '…');
  const calendarName = (id: string | null) =>
    id === null ? t('config.slaRules.noCalendar') : (calendars?.find((c) => c.id === id)?.name ?? '…');
  const duration = (minutes: number) => formatDuration(minutes * 60_000, t);

  return (
    <Stack>
      <PageHeader
        title={t('config.pages.slaRules')}
        description={t('config.slaRules.intro')}
        action={<NewButton label={t('config.slaRules.new')} onClick={editor.openNew} />}
      />
      {rules.isPending ? (
        <LoadingSkeleton />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState message={t('config.slaRules.empty')} />
      ) : (
        <ConfigTable
          caption={t('config.pages.slaRules')}
          minWidth={800}
          head={
            <>
              <Table.Th>{t('config.slaRules.name')}</Table.Th>
              <Table.Th>{t('config.slaRules.typeAndCalendar')}</Table.Th>
              {TARGET_PRIORITIES.map((priority) => (
                <Table.Th key={priority}>{t(`enums.priority.${priority}`)}</Table.Th>
              ))}
              <Table.Th>{t('config.slaRules.warnShort')}</Table.Th>
              <Table.Th>{t('config.slaRules.active')}</Table.Th>
              <ActionsHead />
            </>
          }
        >
          {rules.data.map((rule) => (
            <Table.Tr key={rule.id} onClick={() => editor.openEdit(rule)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {rule.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{typeName(rule.caseTypeId)}</Text>
                <Text size="xs" c="dimmed">
                  {calendarName(rule.calendarId)}
                </Text>
              </Table.Td>
              {TARGET_PRIORITIES.map((priority) => (
                <Table.Td key={priority}>{duration(rule.targets[priority])}</Table.Td>
              ))}
              <Table.Td>
                {rule.warnBeforeMinutes > 0 ? duration(rule.warnBeforeMinutes) : t('common.none')}
              </Table.Td>
              <Table.Td>
                {rule.active ? (
                  <StatusBadge color="green" variant="light">
                    {t('config.common.active')}
                  </StatusBadge>
                ) : (
                  <StatusBadge color="gray" variant="light">
                    {t('config.common.inactive')}
                  </StatusBadge>
                )}
              </Table.Td>
              <RowActions
                name={rule.name}
                onEdit={() => editor.openEdit(rule)}
                onDelete={() => setDeleting({ path: `/api/v1/sla-rules/${rule.id}`, name: rule.name })}
              />
            </Table.Tr>
          ))}
        </ConfigTable>
      )}
      <SlaRuleForm key={editor.seq} rule={editor.item} opened={editor.opened} onClose={editor.close} />
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={INVALIDATE} />
    </Stack>
  );
}
