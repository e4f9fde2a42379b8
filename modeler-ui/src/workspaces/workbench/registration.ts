// Registration form rules, kept out of the view so that they can be tested on their own.
import { PETITION_CATEGORIES } from '@/api/petition-values';
import type { NoticeChannel } from '@/notices/types';
import { compactPhone, isEmail, isMobile } from './contact';
import { residentIdProblem, RESIDENT_ID_MESSAGES } from './logic';
import type { FieldError, PetitionerInput, RegistrationInput } from './types';

export const MAX_REPRESENTATIVES = 5;
export const COLLECTIVE_MIN_PERSONS = 5;

export const CHANNELS = ['visit', 'letter', 'online', 'phone', 'fax', 'agent'] as const;
export const CATEGORIES = PETITION_CATEGORIES;
export const LEVELS = ['city', 'county', 'township', 'village'] as const;
/** 告知方式: 短信 / 电子邮件 / 邮寄书面告知书. */
export const CONTACT_PREFERENCES: readonly NoticeChannel[] = ['sms', 'email', 'letter'];

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export function emptyPetitioner(): PetitionerInput {
  return { name: '', idNumber: '', phone: '', address: '', email: '', contactPreference: '' };
}

/** The way notices go when the registrar chooses none (the API's default): SMS with a phone, else e-mail, else a letter. */
export function defaultContactPreference(p: Pick<PetitionerInput, 'phone' | 'email'>): NoticeChannel {
  if (p.phone.trim()) return 'sms';
  if (p.email.trim()) return 'email';
  return 'letter';
}

/** Client-side checks with i18n keys as messages; the API checks again and has the last word. */
export function registrationProblems(input: RegistrationInput, today: Date = new Date()): FieldError[] {
  const problems: FieldError[] = [];
  const required = (field: string, value: string) => {
    if (!value.trim()) problems.push({ field, message: 'workbench.register.required' });
  };
  required('channel', input.channel);
  required('category', input.category);
  required('subject', input.subject);
  required('content', input.content);
  required('regionCode', input.regionCode);
  input.petitioners.forEach((p, i) => {
    required(`petitioners[${i}].name`, p.name);
    const id = p.idNumber.trim();
    if (!id) problems.push({ field: `petitioners[${i}].idNumber`, message: 'workbench.register.required' });
    else {
      const problem = residentIdProblem(id, today);
      if (problem) problems.push({ field: `petitioners[${i}].idNumber`, message: RESIDENT_ID_MESSAGES[problem] });
    }
    const phone = compactPhone(p.phone);
    if (phone && !PHONE.test(phone)) problems.push({ field: `petitioners[${i}].phone`, message: 'workbench.register.phoneFormat' });
    else if (p.contactPreference === 'sms' && !isMobile(phone)) {
      problems.push({ field: `petitioners[${i}].phone`, message: phone ? 'workbench.register.smsNeedsMobile' : 'workbench.register.smsNeedsPhone' });
    }
    const email = p.email.trim();
    if (email && !isEmail(email)) problems.push({ field: `petitioners[${i}].email`, message: 'workbench.register.emailFormat' });
    else if (!email && p.contactPreference === 'email') problems.push({ field: `petitioners[${i}].email`, message: 'workbench.register.emailNeeded' });
  });
  return problems;
}

/** The body of POST /api/petitions: trimmed, empty optional fields left out. */
export function registrationBody(input: RegistrationInput): Record<string, unknown> {
  return {
    channel: input.channel,
    category: input.category,
    matterScope: input.matterScope,
    subject: input.subject.trim(),
    content: input.content.trim(),
    regionCode: input.regionCode,
    personCount: input.personCount,
    petitioners: input.petitioners.map((p) => {
      const out: Record<string, string> = { name: p.name.trim(), idNumber: p.idNumber.trim().toUpperCase() };
      if (p.phone.trim()) out.phone = compactPhone(p.phone);
      if (p.address.trim()) out.address = p.address.trim();
      if (p.email.trim()) out.email = p.email.trim();
      if (p.contactPreference) out.contactPreference = p.contactPreference;
      return out;
    }),
  };
}
