import { Badge, Group, Paper, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CASE_LIMITS } from '../../../../../contract/constants';
import { useNames } from '../../../api/directory';
import type { Case, TrackEntry } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { EmptyState } from '../../../components/PageState';
import { LoadMoreButton } from '../../../components/PagedTable';
import { formatDateTime } from '../../../i18n/format';
import { useAddComment, useTrack } from '../api';
import { NoteForm } from '../NoteForm';
import { QueryState } from '../QueryState';
import { ProseText } from '../RecordText';

const KIND_KEYS = {
  created: 'created',
  comment: 'comment',
  status: 'status',
  suspended: 'suspended',
  resumed: 'resumed',
  cancelled: 'cancelled',
  closed: 'closed',
  restarted: 'restarted',
  transferred: 'transferred',
  claimed: 'claimed',
  upgraded: 'upgraded',
  downgraded: 'downgraded',
  edited: 'edited',
  merged: 'merged',
  merge: 'merge',
  urged: 'urged',
  evaluated: 'evaluated',
  'attachment.added': 'attachmentAdded',
  'attachment.removed': 'attachmentRemoved',
  'task.created': 'taskCreated',
  'task.edited': 'taskEdited',
  'task.record': 'taskRecord',
  'task.status': 'taskStatus',
  'task.transferred': 'taskTransferred',
} as const;

type KindKey = (typeof KIND_KEYS)[keyof typeof KIND_KEYS];

const FIELD_KEYS = [
  'status',
  'state',
  'priority',
  'ownerId',
  'queueId',
  'title',
  'description',
  'dueAt',
  'customerId',
  'contactPhone',
  'customFields',
  'mergedIntoId',
  'reopenCount',
  'upgraded',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

const isKind = (kind: string): kind is keyof typeof KIND_KEYS => kind in KIND_KEYS;
const isField = (field: string): field is FieldKey => (FIELD_KEYS as readonly string[]).includes(field);

export function kindLabel(kind: string, t: TFunction): string {
  if (!isKind(kind)) return kind;
  const key: KindKey = KIND_KEYS[kind];
  return t(`caseDetails.track.kinds.${key}`);
}

const PRIORITY = new Set(['low', 'medium', 'high', 'critical']);
const STATE = new Set(['open', 'suspended', 'cancelled', 'closed', 'merged']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One changed field as "Field: before → after", with names for ids and words for enumerations. */
function useChangeFormatter() {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return t('caseDetails.track.empty_value');
    if (typeof raw === 'string') {
      if (field === 'ownerId' || field.endsWith('OwnerId')) return names.user(raw) ?? raw;
      if (field === 'queueId') return names.queue(raw) ?? raw;
      if (field === 'priority' && PRIORITY.has(raw))
        return t(`enums.priority.${raw as 'low' | 'medium' | 'high' | 'critical'}`);
      if (field === 'state' && STATE.has(raw))
        return t(`enums.state.${raw as 'open' | 'suspended' | 'cancelled' | 'closed' | 'merged'}`);
      if (ISO.test(raw)) return formatDateTime(raw, session.locale, session.timeZone);
      return raw;
    }
    if (typeof raw === 'boolean') return raw ? t('caseDetails.info.yes') : t('caseDetails.info.no');
    if (typeof raw === 'number') return String(raw);
    return JSON.stringify(raw);
  };
  const label = (field: string) => (isField(field) ? t(`caseDetails.track.fields.${field}`) : field);
  return { value, label };
}

function Entry({ entry }: { entry: TrackEntry }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const format = useChangeFormatter();
  const actor = entry.actorId
    ? (names.user(entry.actorId) ?? t('common.unknownUser'))
    : t('caseDetails.track.system');
  const changes = Object.entries(entry.changes ?? {});
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {actor}
        </Text>
        <Badge variant="light" size="sm" color={entry.kind === 'comment' ? 'blue' : 'gray'}>
          {kindLabel(entry.kind, t)}
        </Badge>
        <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
          {formatDateTime(entry.at, session.locale, session.timeZone)}
        </Text>
      </Group>
      {changes.length > 0 && (
        <Stack component="ul" gap={2} m={0} pl="md" aria-label={t('caseDetails.track.changed')}>
          {changes.map(([field, [before, after]]) => (
            <Text component="li" size="sm" key={field} style={{ overflowWrap: 'anywhere' }}>
              {format.label(field)}: {format.value(field, before)} → {format.value(field, after)}
            </Text>
          ))}
        </Stack>
      )}
      {entry.remark && (
        <ProseText>
          <Text span c="dimmed" size="sm">
            {t('caseDetails.track.remark')}:{' '}
          </Text>
          {entry.remark}
        </ProseText>
      )}
      {entry.body && (
        <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)">
          <ProseText>{entry.body}</ProseText>
        </Paper>
      )}
    </Stack>
  );
}

function CommentBox({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const mutation = useAddComment(caseId);
  return (
    <NoteForm
      mutation={mutation}
      label={t('caseDetails.track.comment')}
      maxLength={CASE_LIMITS.commentMax}
      minRows={2}
      blankError={t('caseDetails.track.commentEmpty')}
      submitLabel={t('caseDetails.track.addComment')}
      sentMessage={t('caseDetails.track.commentAdded')}
      submitOnCtrlEnter
    />
  );
}

/** Case Track: the comment box on top, then the history oldest first, a page at a time. */
export function TrackTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const track = useTrack(caseData.id);
  const entries = track.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      {caseData.abilities.comment ? (
        <CommentBox caseId={caseData.id} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('caseDetails.track.commentsClosed')}
        </Text>
      )}
      <QueryState
        query={track}
        skeletonRows={5}
        isEmpty={entries.length === 0}
        empty={<EmptyState message={t('caseDetails.track.empty')} />}
      >
        {() => (
          <>
            <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2}>
              {entries.map((entry) => (
                <Timeline.Item key={entry.id} data-kind={entry.kind}>
                  <Entry entry={entry} />
                </Timeline.Item>
              ))}
            </Timeline>
            {track.hasNextPage && (
              <Group justify="center">
                <LoadMoreButton query={track} variant="light">
                  {t('caseDetails.track.loadMore')}
                </LoadMoreButton>
              </Group>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
