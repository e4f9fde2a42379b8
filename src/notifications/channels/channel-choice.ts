import type { ContactPreference } from '../../petitions/petitioner.entity';
import type { NotificationChannel } from '../notification.entity';

/** What a petitioner left to reach them by, and which channels this installation can send through. */
export interface ChannelFacts {
  preference: ContactPreference | null;
  hasPhone: boolean;
  hasEmail: boolean;
  smsConfigured: boolean;
  emailConfigured: boolean;
}

/**
 * The channel a notice goes by: the petitioner's stated preference when it can be honoured, else SMS,
 * else e-mail, else a printed letter, which always can (many petitioners have neither phone nor
 * e-mail, and a notice must reach them all the same).
 */
export function chooseChannel(facts: ChannelFacts): NotificationChannel {
  const sms = facts.hasPhone && facts.smsConfigured;
  const email = facts.hasEmail && facts.emailConfigured;
  if (facts.preference === 'letter') return 'letter';
  if (facts.preference === 'email' && email) return 'email';
  if (facts.preference === 'sms' && sms) return 'sms';
  if (sms) return 'sms';
  if (email) return 'email';
  return 'letter';
}
