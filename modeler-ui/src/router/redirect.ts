export const HOME_PATH = '/processes';

/** Accept only same-site paths as a post-sign-in destination (no open redirects). */
export function safeRedirect(value: unknown): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string') return HOME_PATH;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return HOME_PATH;
  if (path === '/login' || path.startsWith('/login?') || path.startsWith('/login#')) return HOME_PATH;
  return path;
}
