// How a petitioner is reached: the formats the registration form and the resend dialog check before
// the API checks again.

/** A mobile number of the mainland (an SMS needs one). */
export const MOBILE = /^1[3-9]\d{9}$/;

/** The longest e-mail address (RFC 5321 path limit), as the API accepts it. */
export const EMAIL_MAX = 254;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A phone number as typed, without the spaces between digit groups. */
export function compactPhone(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isMobile(value: string): boolean {
  return MOBILE.test(compactPhone(value));
}

export function isEmail(value: string): boolean {
  const v = value.trim();
  return v.length <= EMAIL_MAX && EMAIL.test(v);
}
