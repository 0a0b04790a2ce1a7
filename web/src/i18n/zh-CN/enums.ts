import type { Catalogue } from '../catalogue';
import type { enums as en } from '../en/enums';

export const enums: Catalogue<typeof en> = {
  state: {
    open: '处理中',
    suspended: '已挂起',
    cancelled: '已取消',
    closed: '已关闭',
    merged: '已合并',
  },
  priority: { low: '低', medium: '中', high: '高', critical: '紧急' },
  origin: {
    voice: '语音',
    video: '视频',
    webchat: '网页聊天',
    whatsapp: 'WhatsApp',
    email: '邮件',
    web: '网页',
    api: 'API',
  },
  taskStatus: { pending: '待处理', processing: '处理中', completed: '已完成' },
  gender: { female: '女', male: '男', other: '其他', unknown: '未知' },
  language: { en: 'English', 'zh-CN': '简体中文' },
};
