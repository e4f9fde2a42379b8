import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_ADDRESS, eventually, stackInfo } from './harness';
import type { Behaviour, MailRecord, SmsRecord } from './notice-providers';

let serial = 0;

/** A phone number no other test uses, so that steering its provider behaviour affects this test alone. */
export function uniquePhone(): string {
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(++serial % 10_000).padStart(4, '0')}`;
}

export function uniqueEmail(): string {
  return `p${process.pid}-${++serial}@example.cn`;
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(stackInfo().noticeProviders.controlUrl + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** How the SMS provider answers this number from now on. */
export function steer(phone: string, behaviour: Behaviour): Promise<unknown> {
  return control('/behaviour', { phone, ...behaviour });
}

/** What the SMS provider took for this number (messages) and every request it got (requests, retries included). */
export function smsTo(phone: string): Promise<{ messages: SmsRecord[]; requests: { outId: string }[] }> {
  return control(`/messages?phone=${encodeURIComponent(phone)}`);
}

export function mailTo(address: string): Promise<MailRecord[]> {
  return control(`/mail?to=${encodeURIComponent(address)}`);
}

export async function waitForMail(address: string): Promise<MailRecord> {
  return eventually(async () => (await mailTo(address))[0], { what: `mail to ${address}` });
}

/** A response's bytes (PDFs), with the caller's token. */
export async function download(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(stackInfo().apiUrl + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'X-Forwarded-For': CLIENT_ADDRESS,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The text of a PDF, as poppler's pdftotext reads it (what a person copying from the document gets). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-'));
  try {
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
