import { SetMetadata } from '@nestjs/common';

export interface AuditSpec {
  /** Dotted verb recorded in the audit log, e.g. 'task.complete'. */
  action: string;
  resourceType: string;
  /** Route parameter naming the resource; without one, the `id` of the response body. */
  idParam?: string;
  /** What else to keep from the result; never personal data. */
  detail?: (result: unknown) => Record<string, unknown>;
}

export const AUDIT_METADATA = 'petition:audit';

/** Names what this route does in the audit log. Routes without it are still logged when they change something. */
export const Audit = (spec: AuditSpec) => SetMetadata(AUDIT_METADATA, spec);

/** The handler records its own audit entries (sign-in, whose actor is the name typed in). */
export const AuditedByHandler = () => SetMetadata(AUDIT_METADATA, false);
