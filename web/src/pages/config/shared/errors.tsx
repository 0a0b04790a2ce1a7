import { Alert, List, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldError } from '../../../api/client';

/** Refusal codes with a sentence of their own in the catalogue; others get a generic title. */
const KNOWN_CODES = [
  'validation_failed',
  'forbidden',
  'not_found',
  'already_exists',
  'in_use',
  'case_type_enabled',
  'sla_rule_conflict',
  'last_tenant_admin',
  'network_error',
  'rate_limited',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

export function fieldErrorsOf(error: unknown): FieldError[] {
  return error instanceof ApiError ? error.fieldErrors : [];
}

function under(field: string, prefix: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`);
}

/** The message(s) for exactly this field (`name`, `targets.critical`, `process.2`), for an input's `error`. */
export function fieldError(error: unknown, field: string): string | undefined {
  const messages = fieldErrorsOf(error)
    .filter((item) => item.field === field)
    .map((item) => item.message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

/** The messages for a field and everything below it (`process`, `process.0`, …). */
export function fieldErrorsUnder(error: unknown, prefix: string): string[] {
  return fieldErrorsOf(error)
    .filter((item) => under(item.field, prefix))
    .map((item) => item.message);
}

/**
 * The fields left empty (blank text, no choice), each with the message, in the order given: the
 * commonest of a form's own checks.
 */
export function requiredFields(
  values: Record<string, string | null | undefined>,
  message: string,
): FieldError[] {
  return Object.entries(values)
    .filter(([, value]) => !value?.trim())
    .map(([field]) => ({ field, message }));
}

/** A refusal found before anything is sent, in the same shape as the server's. */
export function localError(detail: string, fieldErrors: FieldError[]): ApiError {
  return new ApiError(400, 'validation_failed', detail, fieldErrors);
}

/** What went wrong, as a sentence the page can show (the server's detail, or network trouble). */
export function useProblemText() {
  const { t } = useTranslation();
  return {
    title(error: unknown): string {
      if (error instanceof ApiError && isKnownCode(error.code)) return t(`config.errors.${error.code}`);
      return t('config.errors.generic');
    },
    detail(error: unknown): string {
      if (error instanceof ApiError) {
        if (error.code === 'network_error') return t('common.networkError');
        return error.detail;
      }
      return t('common.errorTitle');
    },
  };
}

/**
 * The problem detail of a refused save in an alert. Field errors are shown next to their inputs;
 * those for fields the form does not show (listed in `shownFields` by prefix) are listed here.
 */
export function ProblemAlert({
  error,
  shownFields = [],
}: {
  error: unknown;
  shownFields?: readonly string[];
}) {
  const problem = useProblemText();
  const ref = useRef<HTMLDivElement>(null);
  const shown = Boolean(error);
  // In a long form the alert is below the fold: bring it into view when it appears (not while the
  // marks follow the typing).
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [shown]);
  if (!error) return null;
  const others = fieldErrorsOf(error).filter(
    (item) => !shownFields.some((prefix) => under(item.field, prefix)),
  );
  return (
    <Alert ref={ref} color="red" role="alert" title={problem.title(error)}>
      <Stack gap={4}>
        <Text size="sm">{problem.detail(error)}</Text>
        {others.length > 0 && (
          <List size="sm">
            {others.map((item) => (
              <List.Item key={`${item.field}:${item.message}`}>
                {item.field ? `${item.field}: ${item.message}` : item.message}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * The form's own checks: nothing is marked until the first save; from then on the marks follow
 * what is typed (a fixed field loses its mark at once).
 */
export function useValidation(validate: () => FieldError[]) {
  const { t } = useTranslation();
  const [attempted, setAttempted] = useState(false);
  const problems = attempted ? validate() : [];
  const key = JSON.stringify(problems);
  const error = useMemo(
    () => (key === '[]' ? null : localError(t('config.form.checkFields'), JSON.parse(key) as FieldError[])),
    [key, t],
  );
  return {
    error,
    /** Marks the form as submitted; true when it may be sent. */
    check(): boolean {
      setAttempted(true);
      return validate().length === 0;
    },
  };
}
