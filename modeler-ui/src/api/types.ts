// Shapes of the JSON exchanged with the NestJS API (same origin, under /api).

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SignedInUser {
  username: string;
  displayName: string;
  /** Code of the user's unit (city / county / township / village tier). */
  unitCode: string;
  unitName: string;
  roles: string[];
}

/** POST /api/auth/login → 200 */
export interface LoginResponse {
  accessToken: string;
  user: SignedInUser;
}

/** One element of GET /api/processes → 200 */
export interface ProcessDefinitionSummary {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
}

/** GET /api/processes/{key}/xml → 200 */
export interface ProcessDefinitionXml {
  id: string;
  key: string;
  version: number;
  bpmn20Xml: string;
}

/** Body of every non-2xx answer (NestJS may send an array of messages for validation errors). */
export interface ApiErrorBody {
  message?: string | string[];
}

/** POST /api/processes/deploy → 201 */
export interface DeploymentResult {
  deploymentId: string;
  /** false when the engine found every file unchanged (nothing new deployed). */
  created: boolean;
  /** "key:version" of each process definition deployed. */
  processes: string[];
  /** "key:version" of each decision definition deployed. */
  decisions: string[];
  /** "key:version" of each Camunda Form deployed (servers before forms support omit it). */
  forms?: string[];
}
