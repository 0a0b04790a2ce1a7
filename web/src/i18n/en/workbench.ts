export const workbench = {
  title: 'Case Workbench',
};
