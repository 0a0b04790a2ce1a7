import type { Catalogue } from '../catalogue';
import type { config as en } from '../en/config';

export const config: Catalogue<typeof en> = {
  title: '配置',
};
