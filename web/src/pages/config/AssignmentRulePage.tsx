import { Button, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSIGNMENT_ATTRIBUTES,
  ASSIGNMENT_MAX_ITEMS,
  LIMITS,
  ORIGINS,
  PRIORITIES,
} from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import type { AssignmentRule, AssignmentRuleInput } from '../../api/types';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';
import { configKeys, useCaseTypeOptions, useOuOptions, useQueueOptions, useUserOptions } from './shared/data';
import { REQUIRED, SwitchField } from './shared/forms';
import { Loaded } from './shared/Loaded';
import { ConfigPage } from './shared/PageParts';
import { SaveForm } from './shared/SaveForm';
import { useSaveForm } from './shared/useSaveResource';
import { EditorFieldset } from './shared/EditorFieldset';
import { ItemCard, OrderButtons, moved } from './shared/OrderedList';

type Attribute = (typeof ASSIGNMENT_ATTRIBUTES)[number];
type Condition = 'contains' | 'equals';
const TEXT_ATTRIBUTES: readonly Attribute[] = ['title', 'description'];
const INVALIDATE = [configKeys.assignment];

interface ItemDraft {
  uid: number;
  attribute: Attribute;
  condition: Condition;
  value: string;
  /** `user:<id>` or `queue:<id>`. */
  target: string | null;
}

function targetOf(value: { ownerId?: string; queueId?: string } | null | undefined): string | null {
  if (value?.ownerId) return `user:${value.ownerId}`;
  if (value?.queueId) return `queue:${value.queueId}`;
  return null;
}

function targetBody(target: string): { ownerId: string } | { queueId: string } {
  return target.startsWith('user:') ? { ownerId: target.slice(5) } : { queueId: target.slice(6) };
}

function isAttribute(value: string | null): value is Attribute {
  return value !== null && (ASSIGNMENT_ATTRIBUTES as readonly string[]).includes(value);
}

/** A picker of agents and queues, with values `user:<id>` / `queue:<id>`. */
function useTargetOptions(keep: readonly string[]) {
  const { t } = useTranslation();
  const users = useUserOptions(keep.filter((v) => v.startsWith('user:')).map((v) => v.slice(5)));
  const queues = useQueueOptions();
  return useMemo(
    () => [
      {
        group: t('config.assignment.agents'),
        items: users.map((o) => ({ value: `user:${o.value}`, label: o.label })),
      },
      {
        group: t('config.assignment.queues'),
        items: queues.map((o) => ({ value: `queue:${o.value}`, label: o.label })),
      },
    ],
    [t, users, queues],
  );
}

function RuleForm({ rule }: { rule: AssignmentRule }) {
  const { t } = useTranslation();
  const session = useSession();
  const uid = useRef(0);
  const [active, setActive] = useState(rule.active);
  const [defaultTarget, setDefaultTarget] = useState<string | null>(targetOf(rule.defaultOwner));
  const [items, setItems] = useState<ItemDraft[]>(() =>
    rule.items.map((item, index) => ({
      uid: -(index + 1),
      attribute: item.attribute,
      condition: item.condition,
      value: item.value,
      target: targetOf(item),
    })),
  );
  const form = useSaveForm<AssignmentRule>({
    validate: () => {
      const problems: FieldError[] = [];
      const required = t('config.form.required');
      if (!defaultTarget) problems.push({ field: 'defaultOwner.ownerId', message: required });
      items.forEach((item, index) => {
        if (item.value.trim() === '') problems.push({ field: `items.${index}.value`, message: required });
        if (!item.target) problems.push({ field: `items.${index}.ownerId`, message: required });
      });
      return problems;
    },
    invalidate: INVALIDATE,
  });
  const keep = [defaultTarget, ...items.map((item) => item.target)].filter((v): v is string => v !== null);
  const targetOptions = useTargetOptions(keep);
  const typeOptions = useCaseTypeOptions();
  const ouOptions = useOuOptions();

  const update = (index: number, patch: Partial<ItemDraft>) =>
    setItems((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const move = (index: number, by: -1 | 1) => setItems((list) => moved(list, index, by) ?? list);

  const submit = () => {
    if (!form.check() || !defaultTarget) return;
    const body: AssignmentRuleInput = {
      active,
      defaultOwner: targetBody(defaultTarget),
      items: items.map((item) => ({
        attribute: item.attribute,
        condition: item.condition,
        value: item.value.trim(),
        ...targetBody(item.target ?? ''),
      })),
    };
    form.send({ path: '/api/v1/assignment-rule', method: 'PUT', body });
  };

  const valueInput = (item: ItemDraft, index: number) => {
    const common = {
      label: t('config.assignment.value'),
      ...REQUIRED,
      error: form.fieldError(`items.${index}.value`),
    };
    const select = (data: { value: string; label: string }[]) => (
      <Select
        {...common}
        data={data}
        value={item.value || null}
        onChange={(value) => update(index, { value: value ?? '' })}
        searchable
        nothingFoundMessage={t('config.common.nothingFound')}
      />
    );
    switch (item.attribute) {
      case 'typeId':
        return select(typeOptions);
      case 'priority':
        return select(PRIORITIES.map((p) => ({ value: p, label: t(`enums.priority.${p}`) })));
      case 'origin':
        return select(ORIGINS.map((o) => ({ value: o, label: t(`enums.origin.${o}`) })));
      case 'customerOuId':
        return select(ouOptions);
      default:
        return (
          <TextInput
            {...common}
            value={item.value}
            onChange={(event) => update(index, { value: event.currentTarget.value })}
            maxLength={LIMITS.freeTextMax}
          />
        );
    }
  };

  const full = items.length >= ASSIGNMENT_MAX_ITEMS;
  return (
    <SaveForm
      onSubmit={submit}
      form={form}
      shownFields={['active', 'defaultOwner', 'items']}
      note={
        rule.updatedAt
          ? t('config.assignment.lastSaved', {
              at: formatDateTime(rule.updatedAt, session.locale, session.timeZone),
            })
          : t('config.assignment.neverSaved')
      }
    >
      <SwitchField
        label={t('config.assignment.active')}
        description={t('config.assignment.activeHint')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
        error={form.fieldError('active')}
      />
      <Select
        label={t('config.assignment.defaultOwner')}
        description={t('config.assignment.defaultOwnerHint')}
        data={targetOptions}
        value={defaultTarget}
        onChange={setDefaultTarget}
        searchable
        {...REQUIRED}
        maw={480}
        nothingFoundMessage={t('config.common.nothingFound')}
        error={
          form.fieldError('defaultOwner.ownerId') ??
          form.fieldError('defaultOwner.queueId') ??
          form.fieldError('defaultOwner')
        }
      />
      <EditorFieldset
        legend={t('config.assignment.items')}
        hint={t('config.assignment.itemsHint', { count: items.length, max: ASSIGNMENT_MAX_ITEMS })}
        error={form.fieldError('items')}
      >
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('config.assignment.noItems')}
          </Text>
        )}
        {items.map((item, index) => {
          const path = `items.${index}`;
          const isText = TEXT_ATTRIBUTES.includes(item.attribute);
          return (
            <ItemCard
              key={item.uid}
              label={t('config.assignment.itemLabel', { n: index + 1 })}
              title={
                <Text size="sm" fw={600}>
                  {t('config.assignment.itemLabel', { n: index + 1 })}
                </Text>
              }
              controls={
                <OrderButtons
                  index={index}
                  count={items.length}
                  onMove={(by) => move(index, by)}
                  onRemove={() => setItems((list) => list.filter((_, i) => i !== index))}
                  labels={{
                    up: t('config.assignment.moveUp', { n: index + 1 }),
                    down: t('config.assignment.moveDown', { n: index + 1 }),
                    remove: t('config.assignment.remove', { n: index + 1 }),
                  }}
                />
              }
            >
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
                <Select
                  label={t('config.assignment.attribute')}
                  data={ASSIGNMENT_ATTRIBUTES.map((a) => ({
                    value: a,
                    label: t(`config.assignment.attributes.${a}`),
                  }))}
                  value={item.attribute}
                  onChange={(value) => {
                    if (!isAttribute(value) || value === item.attribute) return;
                    update(index, {
                      attribute: value,
                      condition: TEXT_ATTRIBUTES.includes(value) ? 'contains' : 'equals',
                      value: '',
                    });
                  }}
                  allowDeselect={false}
                  {...REQUIRED}
                  error={form.fieldError(`${path}.attribute`)}
                />
                <Select
                  label={t('config.assignment.condition')}
                  data={(isText ? (['contains', 'equals'] as const) : (['equals'] as const)).map((c) => ({
                    value: c,
                    label: t(`config.assignment.conditions.${c}`),
                  }))}
                  value={item.condition}
                  onChange={(value) => {
                    if (value === 'contains' || value === 'equals') update(index, { condition: value });
                  }}
                  allowDeselect={false}
                  {...REQUIRED}
                  error={form.fieldError(`${path}.condition`)}
                />
                {valueInput(item, index)}
                <Select
                  label={t('config.assignment.target')}
                  data={targetOptions}
                  value={item.target}
                  onChange={(value) => update(index, { target: value })}
                  searchable
                  {...REQUIRED}
                  nothingFoundMessage={t('config.common.nothingFound')}
                  error={form.fieldError(`${path}.ownerId`) ?? form.fieldError(`${path}.queueId`)}
                />
              </SimpleGrid>
            </ItemCard>
          );
        })}
        <Group>
          <Button
            variant="light"
            disabled={full}
            onClick={() =>
              setItems((list) => [
                ...list,
                {
                  uid: ++uid.current,
                  attribute: 'title',
                  condition: 'contains',
                  value: '',
                  target: null,
                },
              ])
            }
          >
            {t('config.assignment.addItem')}
          </Button>
          {full && (
            <Text size="sm" c="dimmed">
              {t('config.assignment.full', { max: ASSIGNMENT_MAX_ITEMS })}
            </Text>
          )}
        </Group>
      </EditorFieldset>
    </SaveForm>
  );
}

export function AssignmentRulePage() {
  const { t } = useTranslation();
  const rule = useQuery({
    queryKey: configKeys.assignment,
    queryFn: () => apiRequest<AssignmentRule>('/api/v1/assignment-rule'),
  });
  return (
    <ConfigPage title={t('config.pages.assignment')} description={t('config.assignment.intro')}>
      <Loaded query={rule} skeletonRows={6}>
        {(current) => <RuleForm rule={current} />}
      </Loaded>
    </ConfigPage>
  );
}
