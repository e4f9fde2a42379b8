// 办理工作台 (registrars, agents, handlers, unit heads). Every key must also exist in en.ts.
export default {
  title: '办理工作台',
};
