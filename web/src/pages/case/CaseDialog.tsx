import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A dialog of the case page: centred, without a close button (it is dismissed with "Back", Escape
 * or a click outside).
 */
export function CaseDialog(props: Omit<ModalProps, 'withCloseButton' | 'centered'>) {
  return <Modal {...props} withCloseButton={false} centered />;
}

/**
 * The buttons under a case dialog: "Back", then the confirming button named like what it does. It
 * submits the form it stands in, or, with `onConfirm`, is a plain button.
 */
export function DialogActions({
  onBack,
  confirmLabel,
  pending,
  onConfirm,
  color,
  disabled,
}: {
  onBack: () => void;
  confirmLabel: string;
  pending: boolean;
  onConfirm?: () => void;
  color?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onBack}>
        {t('caseDetails.dialog.back')}
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        onClick={onConfirm}
        loading={pending}
        color={color}
        disabled={disabled}
      >
        {confirmLabel}
      </Button>
    </Group>
  );
}

/** A required field of a case form: "Required" said in its description rather than by an asterisk. */
export function useRequiredField() {
  const { t } = useTranslation();
  return { required: true, withAsterisk: false, description: t('caseDetails.dialog.required') } as const;
}
