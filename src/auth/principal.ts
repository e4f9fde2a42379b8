import type { Role } from './roles';

/** The signed-in caller, as carried in the access token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
}
