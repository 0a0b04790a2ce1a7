import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  Paper,
  Rating,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contract/constants';
import type { Case } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { useEvaluate, useEvaluation } from './api';
import { ServerError } from './ServerError';

/** The evaluation of the case: stars and comment; the form once the case is closed (PUT …/evaluation). */
export function EvaluationPanel({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const session = useSession();
  const query = useEvaluation(caseData.id);
  const closed = caseData.state === 'closed';
  const time = (iso: string) => formatDateTime(iso, session.locale, session.timeZone);
  const starLabel = (value: number) => t('caseDetails.panel.star', { count: value });

  let content;
  if (query.isPending) content = <LoadingSkeleton rows={2} />;
  else if (query.isError) content = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const { evaluation, customerLink, history } = query.data;
    const earlier = history.filter(
      (item) => !evaluation || item.createdAt !== evaluation.createdAt || item.rating !== evaluation.rating,
    );
    content = (
      <Stack gap="sm">
        {evaluation ? (
          <Stack gap={4}>
            <Rating
              value={evaluation.rating}
              readOnly
              aria-label={t('caseDetails.panel.ratingValue', { count: evaluation.rating })}
              role="img"
            />
            {evaluation.comment && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {evaluation.comment}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('caseDetails.panel.bySource', {
                source:
                  evaluation.source === 'customer'
                    ? t('caseDetails.panel.sourceCustomer')
                    : t('caseDetails.panel.sourceAgent'),
                time: time(evaluation.createdAt),
              })}
            </Text>
          </Stack>
        ) : !closed ? (
          <Text size="sm" c="dimmed">
            {t('caseDetails.panel.notClosed')}
          </Text>
        ) : caseData.abilities.evaluate ? (
          <EvaluationForm caseId={caseData.id} starLabel={starLabel} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('caseDetails.panel.noEvaluation')}
          </Text>
        )}
        {customerLink && !evaluation && (
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('caseDetails.panel.customerLink')}
                value={customerLink.url}
                readOnly
                onFocus={(event) => event.currentTarget.select()}
                style={{ flex: 1 }}
                size="xs"
              />
              <CopyButton value={customerLink.url}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('caseDetails.panel.copied') : t('caseDetails.panel.copy')}>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      onClick={copy}
                      aria-label={copied ? t('caseDetails.panel.copied') : t('caseDetails.panel.copy')}
                    >
                      {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('caseDetails.panel.linkExpires', { time: time(customerLink.expiresAt) })}
            </Text>
          </Stack>
        )}
        {earlier.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" fw={600}>
              {t('caseDetails.panel.earlier')}
            </Text>
            {earlier.map((item) => (
              <Group key={`${item.closing}-${item.createdAt}`} gap="xs" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {t('caseDetails.panel.closing', { n: item.closing + 1 })}
                </Text>
                <Rating
                  value={item.rating}
                  readOnly
                  size="xs"
                  role="img"
                  aria-label={t('caseDetails.panel.ratingValue', { count: item.rating })}
                />
                {item.comment && <Text size="xs">{item.comment}</Text>}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-evaluation-heading">
      <Title order={2} size="h4" id="case-evaluation-heading" mb="sm">
        {t('caseDetails.panel.evaluation')}
      </Title>
      {content}
    </Paper>
  );
}

function EvaluationForm({ caseId, starLabel }: { caseId: string; starLabel: (value: number) => string }) {
  const { t } = useTranslation();
  const mutation = useEvaluate(caseId);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (rating < 1) return;
    mutation.mutate(comment.trim() ? { rating, comment } : { rating }, {
      onSuccess: () => notifications.show({ color: 'green', message: t('caseDetails.panel.sent') }),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <Text component="legend" size="sm" fw={500} mb={4}>
            {t('caseDetails.panel.rating')}
          </Text>
          {/* Arrow keys move between the stars as in any radio group, and the choice counts at once
              (Mantine alone only previews it until Enter or Space). */}
          <div
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              if (input.type === 'radio') setRating(Number(input.value));
            }}
          >
            <Rating
              value={rating}
              onChange={setRating}
              size="lg"
              getSymbolLabel={starLabel}
              name="case-rating"
            />
          </div>
        </fieldset>
        <Textarea
          label={t('caseDetails.panel.comment')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={LIMITS.freeTextMax}
          autosize
          minRows={2}
          maxRows={6}
        />
        {touched && rating < 1 && (
          <Alert color="red" role="alert">
            {t('caseDetails.panel.chooseRating')}
          </Alert>
        )}
        <ServerError error={mutation.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('caseDetails.panel.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
