import { Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** A configuration dialog: full screen on a phone, its close button named. */
export function ConfigDialog({
  size = 'lg',
  ...props
}: Pick<ModalProps, 'opened' | 'onClose' | 'title' | 'size' | 'children'>) {
  const { t } = useTranslation();
  const small = useMediaQuery('(max-width: 36em)');
  return (
    <Modal {...props} size={size} fullScreen={small} closeButtonProps={{ 'aria-label': t('common.close') }} />
  );
}
