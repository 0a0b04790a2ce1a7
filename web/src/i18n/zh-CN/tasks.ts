import type { Catalogue } from '../catalogue';
import type { tasks as en } from '../en/tasks';

export const tasks: Catalogue<typeof en> = {
  title: '我的任务',
};
