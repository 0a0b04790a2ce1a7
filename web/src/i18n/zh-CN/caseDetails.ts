import type { Catalogue } from '../catalogue';
import type { caseDetails as en } from '../en/caseDetails';

export const caseDetails: Catalogue<typeof en> = {
  title: '工单详情',
};
