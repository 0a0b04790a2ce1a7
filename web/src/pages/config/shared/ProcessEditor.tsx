import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Fieldset,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROCESS_LIMITS } from '../../../../../contract/constants';

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
    const next = [...statuses];
    const other = index + by;
    const a = next[index];
    const b = next[other];
    if (a === undefined || b === undefined) return;
    next[index] = b;
    next[other] = a;
    onChange(next);
  };

  return (
    <Fieldset legend={t('config.process.legend')} variant="filled">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('config.process.hint', {
            min: PROCESS_LIMITS.minStatuses,
            max: PROCESS_LIMITS.maxStatuses,
            chars: PROCESS_LIMITS.statusMax,
          })}
        </Text>
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
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('config.process.moveUp')}
                          aria-describedby={nameId}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          <IconArrowUp size={18} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('config.process.moveDown')}
                          aria-describedby={nameId}
                          disabled={index === statuses.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          <IconArrowDown size={18} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('config.process.remove')}
                          aria-describedby={nameId}
                          onClick={() => onChange(statuses.filter((_, i) => i !== index))}
                        >
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
                      </Group>
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
        {errors.length > 0 && (
          <Text size="sm" c="red">
            {errors.join(' ')}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
