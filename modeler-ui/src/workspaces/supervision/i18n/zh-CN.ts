// 督查督办 (supervisors). Every key must also exist in en.ts.
export default {
  title: '督查督办',
};
