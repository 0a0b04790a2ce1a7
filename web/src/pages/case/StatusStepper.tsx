import { Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Case, CaseType } from '../../api/types';

/**
 * The type's process as a stepper: the current status highlighted; a click on another status asks
 * to move there (only the next one under strict order, any other otherwise).
 */
export function StatusStepper({
  caseData,
  caseType,
  onMove,
}: {
  caseData: Case;
  caseType: CaseType | undefined;
  onMove: (status: string) => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const defined = caseType?.process ?? [];
  // A status no longer in the type's process (the type was changed since) still shows where the case is.
  const process = defined.includes(caseData.status) ? defined : [...defined, caseData.status];
  const active = Math.max(0, process.indexOf(caseData.status));
  const canMove = caseData.state === 'open' && caseData.abilities.status;
  const strict = caseType?.strictOrder ?? true;
  const clickable = (index: number) => canMove && index !== active && (strict ? index === active + 1 : true);
  // A case that is no longer open shows where it stopped, without suggesting a move.
  return (
    <nav aria-label={t('caseDetails.header.process')}>
      <Stepper
        active={active}
        onStepClick={(index) => {
          const status = process[index];
          if (status !== undefined && clickable(index)) onMove(status);
        }}
        size="sm"
        orientation={narrow ? 'vertical' : 'horizontal'}
        wrap
        allowNextStepsSelect={false}
      >
        {process.map((status, index) => (
          <Stepper.Step
            key={status}
            label={status}
            allowStepSelect={clickable(index)}
            aria-current={index === active ? 'step' : undefined}
            aria-disabled={clickable(index) ? undefined : true}
            aria-label={index === active ? t('caseDetails.header.currentStatus', { status }) : status}
            data-status={status}
            data-current={index === active || undefined}
          />
        ))}
      </Stepper>
    </nav>
  );
}
