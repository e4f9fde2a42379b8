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
