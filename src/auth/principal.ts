import type { Role } from './roles';

/** The signed-in caller, read from their account on every request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  sessionId: string;
}
