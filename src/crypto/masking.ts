/** Masks for personal data shown to people who do not need it in full. */

export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** 张三 → 张*, 欧阳小明 → 欧***; Latin names keep their first letter. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** zhangsan@example.com → z*******@example.com: enough to recognise it, not to write to it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(email.length);
  return email[0] + '*'.repeat(Math.max(1, at - 1)) + email.slice(at);
}

/** An address down to its first six characters (the district), the rest starred. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  return chars.slice(0, 6).join('') + (chars.length > 6 ? '****' : '');
}
