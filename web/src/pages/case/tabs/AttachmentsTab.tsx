import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ATTACHMENT_LIMITS } from '../../../../../contract/constants';
import { useNames } from '../../../api/directory';
import type { Attachment, Case } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { EmptyState, errorMessage } from '../../../components/PageState';
import { formatDateTime } from '../../../i18n/format';
import {
  attachmentUrl,
  uploadAttachment,
  useAttachments,
  useAttachmentsChanged,
  useDeleteAttachment,
} from '../api';
import classes from '../case.module.css';
import { CaseDialog, DialogActions } from '../CaseDialog';
import { QueryState } from '../QueryState';
import { ServerError } from '../ServerError';

const ACCEPT = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'application/pdf': ['.pdf'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
};

export function formatSize(bytes: number, t: TFunction): string {
  if (bytes < 1024) return t('caseDetails.attachments.bytes', { value: bytes });
  if (bytes < 1024 * 1024)
    return t('caseDetails.attachments.kilobytes', { value: (bytes / 1024).toFixed(1) });
  return t('caseDetails.attachments.megabytes', { value: (bytes / (1024 * 1024)).toFixed(2) });
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The rules of SPEC §6 checked before anything is sent: at most 5 files and 5 MiB in total per case
 * (counting what is attached already), and only the allowed extensions. The selection is refused
 * whole, as the server would.
 */
export function checkSelection(
  files: readonly File[],
  existing: readonly Attachment[],
  t: TFunction,
): string | null {
  const allowed: readonly string[] = ATTACHMENT_LIMITS.extensions;
  const badType = files.filter((file) => !allowed.includes(extensionOf(file.name)));
  if (badType.length > 0)
    return t('caseDetails.attachments.badType', { names: badType.map((file) => file.name).join(', ') });
  if (existing.length + files.length > ATTACHMENT_LIMITS.maxFiles)
    return t('caseDetails.attachments.tooMany', { existing: existing.length, chosen: files.length });
  const total =
    existing.reduce((sum, item) => sum + item.size, 0) + files.reduce((sum, file) => sum + file.size, 0);
  if (total > ATTACHMENT_LIMITS.maxBytes)
    return t('caseDetails.attachments.tooLarge', { size: formatSize(total, t) });
  return null;
}

interface UploadRow {
  key: number;
  name: string;
  progress: number;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error?: string;
}

/** Attachments: a drop zone that states the rule, a progress bar per file, the list with downloads. */
export function AttachmentsTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const list = useAttachments(caseData.id);
  const changed = useAttachmentsChanged(caseData.id);
  const remove = useDeleteAttachment(caseData.id);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [uploads, setUploads] = useState<UploadRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const nextKey = useRef(1);
  const existing = list.data?.items ?? [];
  const canAttach = caseData.abilities.attach;

  const update = (key: number, patch: Partial<UploadRow>) =>
    setUploads((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const start = async (files: File[]) => {
    if (files.length === 0) return;
    const problem = checkSelection(files, existing, t);
    if (problem) {
      setRefusal(problem);
      return;
    }
    setRefusal(null);
    const rows: UploadRow[] = files.map((file) => ({
      key: nextKey.current++,
      name: file.name,
      progress: 0,
      status: 'waiting',
    }));
    setUploads((current) => [...current.filter((row) => row.status === 'failed'), ...rows]);
    setBusy(true);
    try {
      // One after another: the server counts each file against the case's budget in turn.
      for (const [index, file] of files.entries()) {
        const row = rows[index];
        if (!row) continue;
        update(row.key, { status: 'uploading' });
        try {
          await uploadAttachment(caseData.id, file, (fraction) => update(row.key, { progress: fraction }));
          update(row.key, { status: 'done', progress: 1 });
        } catch (error) {
          update(row.key, { status: 'failed', error: errorMessage(error, t('common.networkError')) });
        }
        changed();
      }
    } finally {
      setBusy(false);
      setUploads((current) => current.filter((row) => row.status !== 'done'));
    }
  };

  const dropzone = useDropzone({
    onDrop: (accepted, rejected) => void start([...accepted, ...rejected.map((item) => item.file)]),
    accept: ACCEPT,
    disabled: !canAttach || busy,
    multiple: true,
    // The keyboard path is the "Choose files" button inside the zone (no focusable wrapper around it).
    noKeyboard: true,
  });

  const failed = uploads.filter((row) => row.status === 'failed');
  return (
    <Stack gap="md">
      <Paper
        {...dropzone.getRootProps()}
        data-testid="attachment-dropzone"
        withBorder
        p="lg"
        radius="md"
        className={classes.dropzone}
        data-active={dropzone.isDragActive || undefined}
        data-disabled={!canAttach || undefined}
      >
        <input {...dropzone.getInputProps()} aria-label={t('caseDetails.attachments.choose')} />
        <Group gap="md" wrap="wrap" justify="center">
          <IconUpload size={28} aria-hidden />
          <Stack gap={2}>
            <Text fw={600}>
              {dropzone.isDragActive
                ? t('caseDetails.attachments.dropActive')
                : t('caseDetails.attachments.drop')}
            </Text>
            <Text size="sm">{t('caseDetails.attachments.rule')}</Text>
            <Text size="xs" c="dimmed">
              {t('caseDetails.attachments.usage', {
                files: existing.length,
                size: formatSize(
                  existing.reduce((sum, item) => sum + item.size, 0),
                  t,
                ),
              })}
            </Text>
          </Stack>
          <Button
            variant="light"
            disabled={!canAttach || busy}
            loading={busy}
            onClick={(event) => {
              event.stopPropagation();
              dropzone.open();
            }}
          >
            {t('caseDetails.attachments.choose')}
          </Button>
        </Group>
      </Paper>
      {!canAttach && (
        <Text size="sm" c="dimmed">
          {t('caseDetails.attachments.notAllowed')}
        </Text>
      )}
      {refusal && (
        <Alert
          color="red"
          role="alert"
          withCloseButton
          closeButtonLabel={t('caseDetails.attachments.dismiss')}
          onClose={() => setRefusal(null)}
        >
          {refusal}
        </Alert>
      )}
      {uploads.filter((row) => row.status !== 'failed').length > 0 && (
        <Stack gap="xs">
          {uploads
            .filter((row) => row.status !== 'failed')
            .map((row) => (
              <Stack key={row.key} gap={2}>
                <Text size="sm">{row.name}</Text>
                <Progress
                  value={Math.round(row.progress * 100)}
                  aria-label={t('caseDetails.attachments.uploading', { name: row.name })}
                  animated={row.status === 'uploading'}
                  striped={row.status === 'uploading'}
                />
              </Stack>
            ))}
        </Stack>
      )}
      {failed.length > 0 && (
        <Alert color="red" role="alert">
          <Stack gap={4}>
            {failed.map((row) => (
              <Group key={row.key} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t('caseDetails.attachments.failed', { name: row.name, message: row.error ?? '' })}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={t('caseDetails.attachments.dismiss')}
                  onClick={() => setUploads((rows) => rows.filter((item) => item.key !== row.key))}
                />
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      <QueryState
        query={list}
        skeletonRows={3}
        isEmpty={existing.length === 0}
        empty={<EmptyState message={t('caseDetails.attachments.empty')} />}
      >
        {() => (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('caseDetails.attachments.name')}</Table.Th>
                  <Table.Th>{t('caseDetails.attachments.size')}</Table.Th>
                  <Table.Th>{t('caseDetails.attachments.uploader')}</Table.Th>
                  <Table.Th>{t('caseDetails.attachments.uploadedAt')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('caseDetails.attachments.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {existing.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Anchor href={attachmentUrl(item.id)} download={item.name} size="sm">
                        {item.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatSize(item.size, t)}</Table.Td>
                    <Table.Td>{names.user(item.uploaderId) ?? t('common.unknownUser')}</Table.Td>
                    <Table.Td>{formatDateTime(item.createdAt, session.locale, session.timeZone)}</Table.Td>
                    <Table.Td>
                      {canAttach && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('caseDetails.attachments.deleteLabel', { name: item.name })}
                          onClick={() => {
                            remove.reset();
                            setDeleting(item);
                          }}
                        >
                          {t('caseDetails.attachments.delete')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <CaseDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('caseDetails.attachments.deleteTitle')}
      >
        <Stack gap="md">
          <Text size="sm">{t('caseDetails.attachments.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
          <ServerError error={remove.error} />
          <DialogActions
            onBack={() => setDeleting(null)}
            confirmLabel={t('caseDetails.attachments.delete')}
            pending={remove.isPending}
            color="red"
            onConfirm={() => {
              if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
            }}
          />
        </Stack>
      </CaseDialog>
    </Stack>
  );
}
