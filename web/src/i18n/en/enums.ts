export const enums = {
  state: {
    open: 'Open',
    suspended: 'Suspended',
    cancelled: 'Cancelled',
    closed: 'Closed',
    merged: 'Merged',
  },
  priority: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  origin: {
    voice: 'Voice',
    video: 'Video',
    webchat: 'Web chat',
    whatsapp: 'WhatsApp',
    email: 'E-mail',
    web: 'Web',
    api: 'API',
  },
  taskStatus: { pending: 'Pending', processing: 'Processing', completed: 'Completed' },
  gender: { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' },
  language: { en: 'English', 'zh-CN': '简体中文' },
};
