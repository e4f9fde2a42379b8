const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RoutedRequest {
  method?: string;
  route?: { path?: unknown };
  baseUrl?: string;
  originalUrl?: string;
  url?: string;
}

/**
 * The route a request matched, as declared (`/api/petitions/:id`): ids, numbers and query strings
 * never reach a log line or a metric label. Requests no route took: `(unmatched)` under /api (404s,
 * bodies refused before routing), `(static)` for the web app's files. Shared by the request log and
 * the HTTP metrics, so that both name a request alike.
 */
export function routeTemplate(request: RoutedRequest): string {
  const path = request.route?.path;
  if (typeof path === 'string') return `${request.baseUrl ?? ''}${path}` || '/';
  const url = request.originalUrl ?? request.url ?? '';
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') ? '(unmatched)' : '(static)';
}

/** The method, or OTHER for one no route declares: a caller cannot add labels by inventing methods. */
export function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'OTHER';
}
