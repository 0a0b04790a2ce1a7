export const evaluate = {
  title: 'Rate our service',
};
