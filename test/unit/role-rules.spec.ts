import { assertRolesCompatible } from '../../src/auth/admin/role-rules';
import type { Role } from '../../src/auth/roles';

describe('separation of the administrator roles (三员分立)', () => {
  it.each<Role[][]>([[[]], [['handler']], [['handler', 'registrar']], [['unit-head', 'supervisor']], [['system-admin']], [['auditor']]])(
    'allows %j',
    (roles) => {
      expect(() => assertRolesCompatible(roles)).not.toThrow();
    },
  );

  it.each<Role[][]>([[['system-admin', 'security-admin']], [['security-admin', 'auditor']], [['auditor', 'handler']], [['system-admin', 'process-admin']]])(
    'refuses %j',
    (roles) => {
      expect(() => assertRolesCompatible(roles)).toThrow('hold no other role');
    },
  );

  it('refuses roles it does not know', () => {
    expect(() => assertRolesCompatible(['root' as Role])).toThrow('Unknown roles: root');
  });
});
