import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerError } from './ServerError';

/** What the form needs of the mutation that sends the text. */
interface NoteMutation {
  mutate: (body: string, options: { onSuccess: () => void }) => void;
  error: unknown;
  isPending: boolean;
}

/**
 * One text to send (a comment, an internal record): the field with its character count, refused
 * while blank, the server's refusal, and the button. After sending, the field empties and a
 * notification says so.
 */
export function NoteForm({
  mutation,
  label,
  maxLength,
  minRows,
  blankError,
  submitLabel,
  sentMessage,
  submitOnCtrlEnter = false,
}: {
  mutation: NoteMutation;
  label: string;
  maxLength: number;
  minRows: number;
  blankError: string;
  submitLabel: string;
  sentMessage: string;
  /** Ctrl+Enter (⌘+Enter) sends. */
  submitOnCtrlEnter?: boolean;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const blank = body.trim().length === 0;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (blank) return;
    mutation.mutate(body, {
      onSuccess: () => {
        setBody('');
        setTouched(false);
        notifications.show({ color: 'green', message: sentMessage });
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={label}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          maxLength={maxLength}
          autosize
          minRows={minRows}
          maxRows={10}
          error={touched && blank ? blankError : undefined}
          description={t('caseDetails.dialog.characters', { count: body.length, max: maxLength })}
          onKeyDown={
            submitOnCtrlEnter
              ? (event) => {
                  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
                }
              : undefined
          }
        />
        <ServerError error={mutation.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
