import type { Catalogue } from '../catalogue';
import type { nav as en } from '../en/nav';

export const nav: Catalogue<typeof en> = {
  workbench: '工单工作台',
  myTasks: '我的任务',
  customers: '客户',
  configuration: '配置',
  globalSearch: '搜索工单和客户',
  globalSearchPlaceholder: '工单编号、标题或客户',
  language: '语言',
  userMenu: '用户菜单',
  timeZone: '时区',
  signOut: '退出登录',
  mainNavigation: '主导航',
  skipToContent: '跳到正文',
  openNavigation: '打开导航',
  searchCases: '工单',
  searchCustomers: '客户',
  noSearchResults: '没有匹配结果',
};
