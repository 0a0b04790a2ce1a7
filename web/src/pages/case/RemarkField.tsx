import { Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS } from '../../../../contract/constants';

/** The remark of an operation (≤2,000 characters; required for a transfer). */
export function RemarkField({
  value,
  onChange,
  required = false,
  error,
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('caseDetails.dialog.remark')}
      description={`${required ? `${t('caseDetails.dialog.required')} ` : ''}${t('caseDetails.dialog.remarkHint')} ${t(
        'caseDetails.dialog.characters',
        {
          count: value.length,
          max: CASE_LIMITS.remarkMax,
        },
      )}`}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      maxLength={CASE_LIMITS.remarkMax}
      required={required}
      withAsterisk={false}
      error={error ?? undefined}
      autosize
      minRows={3}
      maxRows={8}
      data-autofocus={autoFocus || undefined}
    />
  );
}
