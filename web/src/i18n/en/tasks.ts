export const tasks = {
  title: 'My tasks',
};
