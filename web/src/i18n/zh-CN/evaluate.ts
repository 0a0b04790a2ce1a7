import type { Catalogue } from '../catalogue';
import type { evaluate as en } from '../en/evaluate';

export const evaluate: Catalogue<typeof en> = {
  title: '服务评价',
};
