import { Paper, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LIMITS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import type { Language, Tenant, TenantInput } from '../../api/types';
import { useSession } from '../../auth/session';
import { configKeys, timeZones, withValue } from './shared/data';
import { requiredFields } from './shared/errors';
import { REQUIRED, RequiredSelect, SwitchField } from './shared/forms';
import { Loaded } from './shared/Loaded';
import { ConfigPage } from './shared/PageParts';
import { SaveForm } from './shared/SaveForm';
import { useSaveForm } from './shared/useSaveResource';

const SHOWN = ['name', 'timeZone', 'defaultLanguage', 'ouIsolation'];

function TenantForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState(tenant.name);
  const [timeZone, setTimeZone] = useState<string | null>(tenant.timeZone);
  const [language, setLanguage] = useState<Language>(tenant.defaultLanguage);
  const [ouIsolation, setOuIsolation] = useState(tenant.ouIsolation);
  const form = useSaveForm<Tenant>({
    validate: () => requiredFields({ name, timeZone }, t('config.form.required')),
    invalidate: [configKeys.tenant],
    onSaved: () => void session.refresh(),
  });
  const zones = useMemo(() => withValue(timeZones(), tenant.timeZone), [tenant.timeZone]);

  const submit = () => {
    if (!form.check() || !timeZone) return;
    const body: TenantInput = { name: name.trim(), timeZone, defaultLanguage: language, ouIsolation };
    form.send({ path: '/api/v1/tenant', method: 'PATCH', body });
  };

  return (
    <Paper withBorder p="md" maw={640}>
      <SaveForm onSubmit={submit} form={form} shownFields={SHOWN}>
        <TextInput label={t('config.tenant.slug')} value={tenant.slug} readOnly variant="filled" />
        <TextInput
          label={t('config.tenant.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={LIMITS.nameMax}
          {...REQUIRED}
          error={form.fieldError('name')}
        />
        <RequiredSelect
          label={t('config.tenant.timeZone')}
          description={t('config.tenant.timeZoneHint')}
          data={zones}
          value={timeZone}
          onChange={setTimeZone}
          error={form.fieldError('timeZone')}
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
          error={form.fieldError('defaultLanguage')}
        />
        <SwitchField
          label={t('config.tenant.ouIsolation')}
          description={t('config.tenant.ouIsolationHint')}
          checked={ouIsolation}
          onChange={(event) => setOuIsolation(event.currentTarget.checked)}
          error={form.fieldError('ouIsolation')}
        />
      </SaveForm>
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
    <ConfigPage title={t('config.pages.tenant')} description={t('config.tenant.intro')}>
      <Loaded query={query} skeletonRows={5}>
        {(tenant) => <TenantForm tenant={tenant} />}
      </Loaded>
    </ConfigPage>
  );
}
