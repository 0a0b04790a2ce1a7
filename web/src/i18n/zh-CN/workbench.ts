import type { Catalogue } from '../catalogue';
import type { workbench as en } from '../en/workbench';

export const workbench: Catalogue<typeof en> = {
  title: '工单工作台',
};
