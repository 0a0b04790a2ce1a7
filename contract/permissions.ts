/** The permission catalogue of SPEC §2: what case roles may carry. */
export const CASE_PERMISSIONS = [
  'case.queryAll',
  'case.close',
  'case.transfer',
  'case.cancel',
  'case.resume',
  'case.restart',
  'case.suspend',
  'case.upgrade',
  'case.edit',
  'case.merge',
] as const;

export const OTHER_PERMISSIONS = [
  'ou.viewAll',
  'ou.viewSubtree',
  'config.manage',
  'users.manage',
  'customers.manage',
  'contacts.export',
  'reports.view',
] as const;

export const PERMISSIONS = [...CASE_PERMISSIONS, ...OTHER_PERMISSIONS] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, { en: string; zh: string }> = {
  'case.queryAll': { en: 'View all cases', zh: '查询所有工单' },
  'case.close': { en: 'Close cases', zh: '关闭工单' },
  'case.transfer': { en: 'Transfer cases', zh: '转派工单' },
  'case.cancel': { en: 'Cancel cases', zh: '取消工单' },
  'case.resume': { en: 'Resume suspended or cancelled cases', zh: '恢复工单' },
  'case.restart': { en: 'Restart closed cases', zh: '重启工单' },
  'case.suspend': { en: 'Suspend cases', zh: '挂起工单' },
  'case.upgrade': { en: 'Upgrade and downgrade cases', zh: '升级和降级工单' },
  'case.edit': { en: 'Edit cases and move their status', zh: '编辑工单' },
  'case.merge': { en: 'Merge cases', zh: '合并工单' },
  'ou.viewAll': { en: 'See records of every OU', zh: '查看所有组织的数据' },
  'ou.viewSubtree': { en: 'See records of the home OU and below', zh: '查看本组织及下级组织的数据' },
  'config.manage': { en: 'Manage configuration', zh: '管理配置' },
  'users.manage': { en: 'Manage users and OUs', zh: '管理用户和组织' },
  'customers.manage': { en: 'Manage customers', zh: '管理客户' },
  'contacts.export': { en: 'Export contact records', zh: '导出接触记录' },
  'reports.view': { en: 'View reports', zh: '查看报表' },
};

/**
 * What a role's permissions amount to: granting any case permission grants `case.queryAll` too
 * (SPEC §2), so the stored list is normalised to say so, in catalogue order.
 */
export function normalisePermissions(permissions: readonly Permission[]): Permission[] {
  const set = new Set<Permission>(permissions);
  if (CASE_PERMISSIONS.some((p) => set.has(p))) set.add('case.queryAll');
  return PERMISSIONS.filter((p) => set.has(p));
}
