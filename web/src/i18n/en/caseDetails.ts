export const caseDetails = {
  title: 'Case details',
};
