import { Combobox, Group, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_LIMITS } from '../../../contract/constants';
import { apiRequest } from '../api/client';
import type { CaseListItem, Customer, Page } from '../api/types';
import { useSession } from '../auth/session';

/**
 * The top bar's search: case number, title and customer. It shows the first matches as you type;
 * Enter opens the workbench filtered by the words.
 */
export const GlobalSearch = forwardRef<HTMLInputElement>(function GlobalSearch(_props, ref) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const combobox = useCombobox();
  const [value, setValue] = useState('');
  const [query] = useDebouncedValue(value.trim(), 250);
  const enabled = query.length >= CASE_LIMITS.searchMin;
  const view = session.can('case.queryAll') ? 'all' : 'todo';
  const cases = useQuery({
    queryKey: ['global-search', 'cases', view, query],
    queryFn: () => apiRequest<Page<CaseListItem>>('/api/v1/cases', { query: { view, q: query, limit: 5 } }),
    enabled,
  });
  const customers = useQuery({
    queryKey: ['global-search', 'customers', query],
    queryFn: () => apiRequest<Page<Customer>>('/api/v1/customers', { query: { q: query, limit: 5 } }),
    enabled,
  });

  const open = (path: string) => {
    combobox.closeDropdown();
    setValue('');
    void navigate(path);
  };

  const caseItems = cases.data?.items ?? [];
  const customerItems = customers.data?.items ?? [];
  return (
    <Combobox store={combobox} onOptionSubmit={(target) => open(target)} withinPortal position="bottom-start">
      <Combobox.Target>
        <TextInput
          ref={ref}
          w={{ base: 160, sm: 320 }}
          aria-label={t('nav.globalSearch')}
          placeholder={t('nav.globalSearchPlaceholder')}
          value={value}
          maxLength={CASE_LIMITS.searchMax}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && combobox.getSelectedOptionIndex() < 0 && value.trim().length >= 2) {
              event.preventDefault();
              open(`/?view=${view}&q=${encodeURIComponent(value.trim())}`);
            }
          }}
        />
      </Combobox.Target>
      {enabled && (
        <Combobox.Dropdown>
          <Combobox.Options>
            <Combobox.Group label={t('nav.searchCases')}>
              {caseItems.map((item) => (
                <Combobox.Option value={`/cases/${item.id}`} key={item.id}>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      #{item.caseNo}
                    </Text>
                    <Text size="sm" truncate>
                      {item.displayTitle}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Group>
            <Combobox.Group label={t('nav.searchCustomers')}>
              {customerItems.map((item) => (
                <Combobox.Option value={`/customers/${item.id}`} key={item.id}>
                  <Text size="sm">{item.name}</Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
            {caseItems.length === 0 && customerItems.length === 0 && !cases.isFetching && (
              <Combobox.Empty>{t('nav.noSearchResults')}</Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
});
