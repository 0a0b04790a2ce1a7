import { Alert, Box, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROCESS_LIMITS } from '../../../../../contract/constants';
import { EditorFieldset } from './EditorFieldset';
import { OrderButtons, moved } from './OrderedList';

/**
 * The ordered statuses of a case type: add at the end, move up or down, remove. 1–20 statuses of
 * at most 32 characters, unique within the process.
 */
export function ProcessEditor({
  statuses,
  onChange,
  locked,
  lockedMessage,
  errors,
}: {
  statuses: readonly string[];
  onChange: (statuses: string[]) => void;
  /** The process cannot change now (an enabled type); the list is shown read-only. */
  locked?: boolean;
  lockedMessage?: string;
  /** Messages for the process as a whole and for its statuses (`process`, `process.2`). */
  errors: readonly string[];
}) {
  const { t } = useTranslation();
  const baseId = useId();
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const full = statuses.length >= PROCESS_LIMITS.maxStatuses;

  const add = () => {
    const name = draft.trim();
    if (name === '') {
      setDraftError(t('config.process.emptyStatus'));
      return;
    }
    if (statuses.includes(name)) {
      setDraftError(t('config.process.duplicate', { name }));
      return;
    }
    if (full) {
      setDraftError(t('config.process.full', { max: PROCESS_LIMITS.maxStatuses }));
      return;
    }
    setDraftError(null);
    setDraft('');
    onChange([...statuses, name]);
  };

  const move = (index: number, by: -1 | 1) => {
    const next = moved(statuses, index, by);
    if (next) onChange(next);
  };

  return (
    <EditorFieldset
      legend={t('config.process.legend')}
      hint={t('config.process.hint', {
        min: PROCESS_LIMITS.minStatuses,
        max: PROCESS_LIMITS.maxStatuses,
        chars: PROCESS_LIMITS.statusMax,
      })}
      error={errors.join(' ')}
    >
      {locked && lockedMessage && (
        <Alert color="blue" variant="light">
          {lockedMessage}
        </Alert>
      )}
      {statuses.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('config.process.none')}
        </Text>
      ) : (
        <Box
          component="ol"
          aria-label={t('config.process.listLabel')}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
        >
          {statuses.map((status, index) => {
            const nameId = `${baseId}-status-${index}`;
            return (
              <Paper component="li" key={status} withBorder px="sm" py={6} mb={6}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Text size="sm" c="dimmed" w={24} ta="right" aria-hidden>
                      {index + 1}.
                    </Text>
                    <Text size="sm" fw={500} id={nameId} style={{ overflowWrap: 'anywhere' }}>
                      {status}
                    </Text>
                  </Group>
                  {!locked && (
                    <OrderButtons
                      index={index}
                      count={statuses.length}
                      onMove={(by) => move(index, by)}
                      onRemove={() => onChange(statuses.filter((_, i) => i !== index))}
                      labels={{
                        up: t('config.process.moveUp'),
                        down: t('config.process.moveDown'),
                        remove: t('config.process.remove'),
                      }}
                      describedBy={nameId}
                    />
                  )}
                </Group>
              </Paper>
            );
          })}
        </Box>
      )}
      {!locked && (
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('config.process.newStatus')}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setDraftError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
            maxLength={PROCESS_LIMITS.statusMax}
            disabled={full}
            error={draftError}
            style={{ flex: '1 1 14rem' }}
          />
          <Button variant="light" onClick={add} disabled={full} mt={25}>
            {t('config.process.add')}
          </Button>
        </Group>
      )}
    </EditorFieldset>
  );
}
