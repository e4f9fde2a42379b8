// 信访事项办理进度查询 (petitioners, no sign-in). Every key must also exist in en.ts.
export default {
  title: '信访事项办理进度查询',
};
