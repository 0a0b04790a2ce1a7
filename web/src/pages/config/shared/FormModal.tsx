import type { ReactNode } from 'react';
import { ConfigDialog } from './ConfigDialog';
import { SaveForm } from './SaveForm';
import type { SaveState } from './useSaveResource';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  /** Whether the save is under way, and the refusal (the server's or the form's own). */
  form: SaveState;
  /** Fields (by path prefix) that show their errors next to an input. */
  shownFields?: readonly string[];
  size?: string;
  children: ReactNode;
  /** Buttons shown before Back and Save (for example "Preview"). */
  extraActions?: ReactNode;
}

/** A form in a dialog: the fields, the refusal in words, and "Back" / "Save". */
export function FormModal({
  opened,
  onClose,
  title,
  onSubmit,
  form,
  shownFields,
  size,
  children,
  extraActions,
}: FormModalProps) {
  return (
    <ConfigDialog opened={opened} onClose={onClose} title={title} size={size}>
      <SaveForm
        onSubmit={() => {
          // Enter in a field while the save is under way does not send it twice.
          if (!form.saving) onSubmit();
        }}
        form={form}
        shownFields={shownFields}
        gap="md"
        onBack={onClose}
        extraActions={extraActions}
      >
        {children}
      </SaveForm>
    </ConfigDialog>
  );
}
