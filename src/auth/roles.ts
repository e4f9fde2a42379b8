export const ROLES = [
  'registrar',
  'agent',
  'handler',
  'unit-head',
  'supervisor',
  'process-admin',
  'system-admin',
  'security-admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** The roles' Chinese names, as messages and the organisation import's files write them. */
export const ROLE_NAMES_ZH: Record<Role, string> = {
  registrar: '登记员',
  agent: '代办员',
  handler: '经办人',
  'unit-head': '单位负责人',
  supervisor: '督查员',
  'process-admin': '流程管理员',
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  auditor: '安全审计员',
};
