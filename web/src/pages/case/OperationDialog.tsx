import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types';
import { useCaseOperation, type OperationName } from './api';
import { CaseDialog, DialogActions, useRequiredField } from './CaseDialog';
import { AssigneePicker, parseAssignee } from './OwnerPicker';
import { RemarkField } from './RemarkField';
import { ServerError } from './ServerError';
import { useSeenVersion } from './useSeenVersion';

/** The operations that open this dialog: a remark, and for some a target. */
export type RemarkOperation = Exclude<OperationName, 'follow' | 'unfollow' | 'merge'>;

export interface OperationRequest {
  operation: RemarkOperation;
  /** For `status`: the status to move to. */
  status?: string;
}

/**
 * The small dialog of a case operation: titled and confirmed with the operation's name, dismissed
 * with "Back", a remark (required for Transfer), the owner/queue picker for Transfer, and the
 * server's refusal in words.
 */
export function OperationDialog({
  caseData,
  request,
  onClose,
}: {
  caseData: Case;
  request: OperationRequest | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const name = request ? t(`caseDetails.operations.${request.operation}`) : '';
  return (
    <CaseDialog opened={request !== null} onClose={onClose} title={name} size="lg">
      {request && <OperationForm caseData={caseData} request={request} onClose={onClose} name={name} />}
    </CaseDialog>
  );
}

function OperationForm({
  caseData,
  request,
  onClose,
  name,
}: {
  caseData: Case;
  request: OperationRequest;
  onClose: () => void;
  name: string;
}) {
  const { t } = useTranslation();
  const mutation = useCaseOperation(caseData.id);
  const { version, onReloaded } = useSeenVersion(caseData, mutation);
  const requiredField = useRequiredField();
  const [remark, setRemark] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const { operation } = request;
  const isTransfer = operation === 'transfer';
  const remarkMissing = isTransfer && remark.trim().length === 0;
  const target = parseAssignee(assignee);
  const assigneeMissing = isTransfer && target === null;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (remarkMissing || assigneeMissing) return;
    const body: Record<string, unknown> = {};
    if (remark.trim()) body.remark = remark;
    if (isTransfer && target) Object.assign(body, target);
    if (operation === 'status') body.status = request.status;
    mutation.mutate(
      { operation, body, version },
      {
        onSuccess: () => {
          notifications.show({ message: t('caseDetails.done', { operation: name }), color: 'green' });
          onClose();
        },
      },
    );
  };

  const hint =
    operation === 'status'
      ? t('caseDetails.operationHints.status', { from: caseData.status, to: request.status ?? '' })
      : t(`caseDetails.operationHints.${operation}`);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{hint}</Text>
        {isTransfer && (
          <AssigneePicker
            label={t('caseDetails.dialog.transferTo')}
            placeholder={t('caseDetails.dialog.transferToPlaceholder')}
            value={assignee}
            onChange={setAssignee}
            {...requiredField}
            error={touched && assigneeMissing ? t('caseDetails.dialog.transferToRequired') : undefined}
            data-autofocus
          />
        )}
        <RemarkField
          value={remark}
          onChange={setRemark}
          required={isTransfer}
          error={touched && remarkMissing ? t('caseDetails.dialog.remarkRequired') : null}
          autoFocus={!isTransfer}
        />
        <ServerError error={mutation.error} caseId={caseData.id} onReloaded={onReloaded} />
        <DialogActions
          onBack={onClose}
          confirmLabel={operation === 'status' ? t('caseDetails.operations.status') : name}
          pending={mutation.isPending}
          color={operation === 'cancel' ? 'red' : undefined}
        />
      </Stack>
    </form>
  );
}
