import type { Response } from 'express';
import { petitionNotFound } from '../../src/access/access-denied';
import { entryFor } from '../../src/audit-trail/audit-trail.middleware';
import type { AuthenticatedRequest } from '../../src/auth/auth.decorators';

function request(method: string, path: string, principal?: { username: string; unitCode: string }): AuthenticatedRequest {
  return { method, path, baseUrl: '', ip: '10.1.2.3', principal, route: undefined } as unknown as AuthenticatedRequest;
}
function response(statusCode: number, locals: Record<string, unknown> = {}): Response {
  return { statusCode, locals } as unknown as Response;
}
const handler = { username: 'donghu.room1', unitCode: '990102-handling-room-1' };

describe('what the audit trail records of a request', () => {
  it('records a 404 that hid a record as a denied access to that record', () => {
    const denied = petitionNotFound('p-1');
    expect(entryFor(request('GET', '/api/petitions/p-1', handler), response(404, { accessDenied: denied }))).toEqual({
      actor: 'donghu.room1',
      unitCode: '990102-handling-room-1',
      ip: '10.1.2.3',
      action: 'access.denied',
      outcome: 'denied',
      resourceType: 'petition',
      resourceId: 'p-1',
      detail: { method: 'GET', path: '/api/petitions/p-1', status: 404 },
    });
  });

  it('records refusals by role or session, and rate limiting', () => {
    expect(entryFor(request('GET', '/api/audit', handler), response(403))).toMatchObject({ action: 'access.denied', outcome: 'denied' });
    expect(entryFor(request('GET', '/api/tasks'), response(401))).toMatchObject({ action: 'access.denied', actor: null });
    expect(entryFor(request('POST', '/api/auth/login'), response(429))).toMatchObject({ action: 'access.rate-limited' });
  });

  it('records a named action with its outcome', () => {
    const note = { action: 'task.complete', resourceType: 'task', resourceId: 't-1' };
    expect(entryFor(request('POST', '/api/tasks/t-1/complete', handler), response(204, { audit: note }))).toMatchObject({
      action: 'task.complete',
      outcome: 'success',
      resourceId: 't-1',
    });
    expect(entryFor(request('POST', '/api/tasks/t-1/complete', handler), response(400, { audit: note }))).toMatchObject({
      outcome: 'failure',
    });
  });

  it('records every change even on routes nobody named, but not plain reads', () => {
    expect(entryFor(request('DELETE', '/api/something', handler), response(200))).toMatchObject({ action: 'http.delete', outcome: 'success' });
    expect(entryFor(request('GET', '/api/tasks', handler), response(200))).toBeNull();
  });

  it('leaves sign-in to the sign-in handler, which knows the name typed in', () => {
    expect(entryFor(request('POST', '/api/auth/login'), response(401, { audit: false }))).toBeNull();
  });
});
