import {
  Alert,
  Box,
  Button,
  Group,
  Input,
  Paper,
  Rating,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LIMITS } from '../../../../contract/constants';
import { ApiError, apiRequest } from '../../api/client';
import type { PublicEvaluation } from '../../api/types';
import { ErrorState, errorMessage } from '../../components/PageState';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import classes from './EvaluatePage.module.css';

const COMMENT_MAX = LIMITS.freeTextMax;
const STARS = 5;

/** What a link can turn out to be, besides a case waiting for its rating (SPEC §13 "Evaluation"). */
type Outcome = 'sent' | 'used' | 'expired' | 'invalid';

function outcomeOf(error: unknown): Exclude<Outcome, 'sent'> | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return 'invalid';
  if (error.status === 410) return 'expired';
  if (error.status === 409 && error.code === 'evaluation_exists') return 'used';
  return null;
}

/**
 * The customer's evaluation page at /evaluate/{token}: public (no sign-in), outside the signed-in
 * frame. It shows the case number and title, five stars and a comment, and says plainly when the
 * link has expired, was already used or is not valid.
 */
export function EvaluatePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const path = `/api/v1/public/evaluations/${encodeURIComponent(token)}`;
  const query = useQuery({
    queryKey: ['public-evaluation', token],
    queryFn: ({ signal }) => apiRequest<PublicEvaluation>(path, { anonymous: true, signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    const previous = document.title;
    document.title = t('evaluate.title');
    return () => {
      document.title = previous;
    };
  }, [t]);

  const shown = outcome ?? (query.isError ? outcomeOf(query.error) : null);
  let content;
  if (shown) content = <OutcomeMessage outcome={shown} />;
  else if (query.isPending)
    content = (
      <Stack gap="md" aria-busy="true" aria-label={t('evaluate.loading')}>
        <Skeleton height={28} width="60%" />
        <Skeleton height={18} width="40%" />
        <Skeleton height={32} width={180} />
        <Skeleton height={96} />
        <Skeleton height={36} width={100} />
      </Stack>
    );
  else if (query.isError)
    content = (
      <Stack gap="sm">
        <Title order={1} size="h3">
          {t('evaluate.title')}
        </Title>
        <Text size="sm">{t('evaluate.loadFailed')}</Text>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  else content = <EvaluationForm path={path} evaluation={query.data} onOutcome={setOutcome} />;

  return (
    <Box component="main" mih="100vh" bg="gray.0" px="md" py={{ base: 'md', sm: 48 }}>
      <Stack maw={560} mx="auto" gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text fw={700}>{query.data?.tenantName || t('common.appName')}</Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
          {content}
        </Paper>
      </Stack>
    </Box>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // The answer replaces the form: move focus to it so a screen reader announces it.
  useEffect(() => heading.current?.focus(), [outcome]);
  const text = {
    sent: { title: t('evaluate.thanks'), detail: t('evaluate.thanksDetail'), color: 'green' },
    used: { title: t('evaluate.used'), detail: null, color: 'blue' },
    expired: { title: t('evaluate.expired'), detail: t('evaluate.expiredDetail'), color: 'orange' },
    invalid: { title: t('evaluate.invalid'), detail: t('evaluate.invalidDetail'), color: 'red' },
  }[outcome];
  return (
    <Stack gap="xs" data-outcome={outcome} py="md" align="center" ta="center">
      <Box aria-hidden="true" fz={36} lh={1} c={`${text.color}.7`}>
        {outcome === 'sent' || outcome === 'used' ? '★' : '!'}
      </Box>
      <Stack gap="xs" role="status">
        <Title order={1} size="h3" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {text.title}
        </Title>
        {text.detail && (
          <Text size="sm" c="dimmed">
            {text.detail}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

function EvaluationForm({
  path,
  evaluation,
  onOutcome,
}: {
  path: string;
  evaluation: PublicEvaluation;
  onOutcome: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [ratingError, setRatingError] = useState<string | null>(null);
  const ratingGroup = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: (body: { rating: number; comment?: string }) =>
      apiRequest<{ rating: number; comment: string | null }>(path, { method: 'POST', body, anonymous: true }),
    onSuccess: () => onOutcome('sent'),
    onError: (error) => {
      const outcome = outcomeOf(error);
      if (outcome) onOutcome(outcome);
    },
  });

  const chooseRating = (value: number) => {
    setRating(value);
    if (value > 0) setRatingError(null);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rating < 1 || rating > STARS) {
      setRatingError(t('evaluate.ratingRequired'));
      ratingGroup.current?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    const text = comment.trim();
    send.mutate(text ? { rating, comment: text } : { rating });
  };

  const failure =
    send.error instanceof ApiError && send.error.status === 429
      ? t('evaluate.rateLimited')
      : errorMessage(send.error, t('common.networkError'));
  const left = COMMENT_MAX - comment.length;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="evaluation-title">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h3" id="evaluation-title">
            {t('evaluate.title')}
          </Title>
          <Text size="sm" c="dimmed" data-case-no={evaluation.caseNo}>
            {t('evaluate.caseLabel', { no: evaluation.caseNo })}
          </Text>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {evaluation.title}
          </Text>
        </Stack>
        <Text size="sm">{t('evaluate.intro')}</Text>

        <Input.Wrapper
          label={t('evaluate.rating')}
          labelElement="div"
          description={t('evaluate.ratingHint')}
          error={ratingError}
          labelProps={{ id: 'evaluation-rating-label' }}
          descriptionProps={{ id: 'evaluation-rating-hint' }}
          errorProps={{ id: 'evaluation-rating-error' }}
        >
          <Rating
            ref={ratingGroup}
            mt={6}
            size="xl"
            count={STARS}
            classNames={{ starSymbol: classes.star, input: classes.input }}
            value={rating}
            onChange={chooseRating}
            // Arrow keys move the checked radio: take that as the choice (Mantine alone waits for Space).
            onChangeCapture={(event) => {
              const target = event.target;
              if (target instanceof HTMLInputElement && target.type === 'radio')
                chooseRating(Number(target.value));
            }}
            getSymbolLabel={(value) =>
              value === 0 ? t('evaluate.noRating') : t('evaluate.star', { count: value })
            }
            role="radiogroup"
            aria-labelledby="evaluation-rating-label"
            aria-describedby={
              ratingError ? 'evaluation-rating-hint evaluation-rating-error' : 'evaluation-rating-hint'
            }
            aria-required="true"
            aria-invalid={ratingError ? true : undefined}
            data-rating={rating}
          />
        </Input.Wrapper>

        <Textarea
          label={t('evaluate.comment')}
          description={t('evaluate.commentHint', { max: COMMENT_MAX, left })}
          autosize
          minRows={4}
          maxRows={10}
          value={comment}
          maxLength={COMMENT_MAX}
          onChange={(event) => setComment(event.currentTarget.value)}
        />

        {send.isError && !outcomeOf(send.error) && (
          <Alert color="red" role="alert" title={t('evaluate.failed')}>
            <Text size="sm">{failure}</Text>
          </Alert>
        )}

        <Group>
          <Button type="submit" loading={send.isPending} size="md">
            {t('evaluate.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
