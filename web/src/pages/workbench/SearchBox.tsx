import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { forwardRef, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS } from '../../../../contract/constants';

const DEBOUNCE_MS = 400;

export interface SearchBoxProps {
  /** The words in the URL (`q`). */
  value: string;
  /** Sets `q` (empty removes it); `replace` while typing, a history entry on Enter. */
  onSearch: (words: string, options: { replace: boolean }) => void;
}

/** Full-text search over the view: searches after a pause in typing, or at once on Enter. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { value, onSearch },
  ref,
) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  // What this box last put into the URL, so that the URL catching up does not overwrite typing.
  const pushed = useRef(value);

  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);

  const submit = (words: string, replace: boolean) => {
    const trimmed = words.trim();
    if (trimmed.length > 0 && trimmed.length < CASE_LIMITS.searchMin) return;
    if (trimmed === pushed.current) return;
    pushed.current = trimmed;
    onSearch(trimmed, { replace });
  };

  useEffect(() => {
    submit(debounced, true);
    // Only a pause in typing submits; `submit` is rebuilt each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const tooShort = text.trim().length > 0 && text.trim().length < CASE_LIMITS.searchMin;
  return (
    <TextInput
      ref={ref}
      type="search"
      label={t('workbench.filters.search')}
      placeholder={t('workbench.filters.searchPlaceholder')}
      aria-label={t('workbench.filters.search')}
      value={text}
      maxLength={CASE_LIMITS.searchMax}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          submit(text, false);
        } else if (event.key === 'Escape') {
          event.currentTarget.blur();
        }
      }}
      description={
        tooShort ? t('workbench.filters.searchTooShort', { min: CASE_LIMITS.searchMin }) : undefined
      }
      w={{ base: '100%', sm: 280 }}
    />
  );
});
