import { Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LIMITS } from '../../../../contract/constants';
import { apiRequest, type FieldError } from '../../api/client';
import type { Language, Tenant, TenantInput } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import { configKeys, timeZones, withValue } from './shared/data';
import { fieldError, useValidation, ProblemAlert } from './shared/errors';
import { useSave } from './shared/hooks';
import { PageHeader } from './shared/PageParts';
import { REQUIRED, SwitchField } from './shared/forms';

const SHOWN = ['name', 'timeZone', 'defaultLanguage', 'ouIsolation'];

function TenantForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState(tenant.name);
  const [timeZone, setTimeZone] = useState<string | null>(tenant.timeZone);
  const [language, setLanguage] = useState<Language>(tenant.defaultLanguage);
  const [ouIsolation, setOuIsolation] = useState(tenant.ouIsolation);
  const validation = useValidation(() => {
    const fields: FieldError[] = [];
    if (name.trim() === '') fields.push({ field: 'name', message: t('config.form.required') });
    if (!timeZone) fields.push({ field: 'timeZone', message: t('config.form.required') });
    return fields;
  });
  const zones = useMemo(() => withValue(timeZones(), tenant.timeZone), [tenant.timeZone]);
  const save = useSave<Tenant>([configKeys.tenant], () => void session.refresh());
  const error = validation.error ?? save.error;

  const submit = () => {
    if (!validation.check() || !timeZone) return;
    const body: TenantInput = { name: name.trim(), timeZone, defaultLanguage: language, ouIsolation };
    save.mutate({ path: '/api/v1/tenant', method: 'PATCH', body });
  };

  return (
    <Paper withBorder p="md" maw={640}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput label={t('config.tenant.slug')} value={tenant.slug} readOnly variant="filled" />
          <TextInput
            label={t('config.tenant.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={LIMITS.nameMax}
            {...REQUIRED}
            error={fieldError(error, 'name')}
          />
          <Select
            label={t('config.tenant.timeZone')}
            description={t('config.tenant.timeZoneHint')}
            data={zones}
            value={timeZone}
            onChange={setTimeZone}
            searchable
            {...REQUIRED}
            allowDeselect={false}
            nothingFoundMessage={t('config.common.nothingFound')}
            error={fieldError(error, 'timeZone')}
          />
          <Select
            label={t('config.tenant.defaultLanguage')}
            description={t('config.tenant.defaultLanguageHint')}
            data={LANGUAGES.map((value) => ({ value, label: t(`enums.language.${value}`) }))}
            value={language}
            onChange={(value) => {
              if (value === 'en' || value === 'zh-CN') setLanguage(value);
            }}
            allowDeselect={false}
            {...REQUIRED}
            error={fieldError(error, 'defaultLanguage')}
          />
          <SwitchField
            label={t('config.tenant.ouIsolation')}
            description={t('config.tenant.ouIsolationHint')}
            checked={ouIsolation}
            onChange={(event) => setOuIsolation(event.currentTarget.checked)}
            error={fieldError(error, 'ouIsolation')}
          />
          <ProblemAlert error={error} shownFields={SHOWN} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function TenantSettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: configKeys.tenant,
    queryFn: () => apiRequest<Tenant>('/api/v1/tenant'),
  });
  return (
    <Stack>
      <PageHeader title={t('config.pages.tenant')} description={t('config.tenant.intro')} />
      {query.isPending ? (
        <LoadingSkeleton rows={5} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <TenantForm tenant={query.data} />
      )}
    </Stack>
  );
}
