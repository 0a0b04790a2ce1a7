import type { Catalogue } from '../catalogue';
import type { auth as en } from '../en/auth';

export const auth: Catalogue<typeof en> = {
  signInTitle: '登录 Casedesk',
  tenant: '组织',
  tenantHint: '您所在组织的简称，例如 demo',
  email: '电子邮箱',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  wrongCredentials: '组织、邮箱或密码不正确。',
  locked: '尝试次数过多，请 {{minutes}} 分钟后再试。',
  sessionExpiredTitle: '登录已失效',
  sessionExpiredBody: '请重新登录后继续，本页已填写的内容不会丢失。',
  timeZoneSaved: '时区已保存',
};
