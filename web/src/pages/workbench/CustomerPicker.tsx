import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type { Customer, Page } from '../../api/types';
import { fetchCustomer } from './api';

const SEARCH_DEBOUNCE_MS = 250;

export interface CustomerPickerProps extends Omit<
  SelectProps,
  'data' | 'value' | 'defaultValue' | 'onChange' | 'searchable' | 'filter'
> {
  value: string | null;
  onChange: (id: string | null, customer: Customer | null) => void;
}

function details(customer: Customer): string {
  return [customer.phones.join(', '), customer.email, customer.company].filter(Boolean).join(' · ');
}

/** Finds a customer by name, phone or e-mail on the server (GET /api/v1/customers?q=, ≥2 characters). */
export function CustomerPicker({ value, onChange, nothingFoundMessage, ...rest }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const enabled = debounced.length >= CASE_LIMITS.searchMin;
  const results = useQuery({
    queryKey: [...queryKeys.customers, 'search', debounced],
    queryFn: ({ signal }) =>
      apiRequest<Page<Customer>>('/api/v1/customers', { query: { q: debounced, limit: 20 }, signal }),
    enabled,
    staleTime: 30_000,
  });
  const selected = useQuery({
    queryKey: queryKeys.customer(value ?? ''),
    queryFn: ({ signal }) => fetchCustomer(value ?? '', signal),
    enabled: value !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const byId = new Map<string, Customer>();
  if (selected.data && selected.data.id === value) byId.set(selected.data.id, selected.data);
  if (enabled) for (const customer of results.data?.items ?? []) byId.set(customer.id, customer);
  const data = [...byId.values()].map((customer) => ({ value: customer.id, label: customer.name }));

  const empty = !enabled
    ? t('workbench.customerPicker.typeMore')
    : results.isFetching
      ? t('workbench.customerPicker.searching')
      : t('workbench.customerPicker.nothingFound');

  return (
    <Select
      {...rest}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already filtered by the words (name, phone or e-mail): show all it found.
      filter={({ options }) => options}
      nothingFoundMessage={nothingFoundMessage ?? empty}
      onChange={(id) => onChange(id, id ? (byId.get(id) ?? null) : null)}
      renderOption={({ option }) => {
        const customer = byId.get(option.value);
        const line = customer ? details(customer) : '';
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {line && (
              <Text size="xs" c="dimmed">
                {line}
              </Text>
            )}
          </Stack>
        );
      }}
    />
  );
}
