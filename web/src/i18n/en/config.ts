export const config = {
  title: 'Configuration',
};
