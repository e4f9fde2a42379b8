// Registration form rules, kept out of the view so that they can be tested on their own.
import { residentIdProblem, RESIDENT_ID_MESSAGES } from './logic';
import type { FieldError, PetitionerInput, RegistrationInput } from './types';

export const MAX_REPRESENTATIVES = 5;
export const COLLECTIVE_MIN_PERSONS = 5;

export const CHANNELS = ['visit', 'letter', 'online', 'phone', 'fax', 'agent'] as const;
export const CATEGORIES = ['complaint', 'suggestion', 'accusation'] as const;
export const LEVELS = ['city', 'county', 'township', 'village'] as const;

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export function emptyPetitioner(): PetitionerInput {
  return { name: '', idNumber: '', phone: '', address: '' };
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
    const phone = p.phone.replace(/\s+/g, '');
    if (phone && !PHONE.test(phone)) problems.push({ field: `petitioners[${i}].phone`, message: 'workbench.register.phoneFormat' });
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
      if (p.phone.trim()) out.phone = p.phone.replace(/\s+/g, '');
      if (p.address.trim()) out.address = p.address.trim();
      return out;
    }),
  };
}
