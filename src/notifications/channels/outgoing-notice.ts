import type { NoticeKind } from '../../camunda/process-contract';

/** A notice as a channel sends it: the words, and what a template or a subject line names. */
export interface OutgoingNotice {
  /** The outbox row's id: the provider's OutId / Idempotency-Key, which its receipt names again. */
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  petitionNumber: string;
  unitName: string;
}

/** What a provider said when it took a message. */
export interface SendResult {
  providerMessageId: string | null;
}

/**
 * A send that did not succeed. Permanent: trying again cannot help (a number the provider rejects, a
 * mailbox that does not exist) and the contact must be corrected; otherwise the dispatcher retries.
 */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(redactContacts(message));
  }
}

/**
 * Phone numbers and e-mail addresses out of a provider's error text, which is stored and shown to
 * staff: contact data is decrypted only inside the dispatcher and never written anywhere else.
 */
export function redactContacts(text: string): string {
  return text
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '***@***')
    .replace(/\+?\d[\d -]{6,}\d/g, '***')
    .slice(0, 500);
}

export interface SmsChannel {
  readonly name: string;
  send(phone: string, notice: OutgoingNotice): Promise<SendResult>;
}

export interface EmailChannel {
  send(to: string, notice: OutgoingNotice, document: Buffer): Promise<SendResult>;
  close(): void;
}
