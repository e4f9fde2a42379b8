import { randomUUID } from 'node:crypto';
import { call, sleep } from './http';
import { BOUNDS } from './settings';

/** The marker every subject of the suite starts with; the key follows it. */
export const SUBJECT_MARK = '故障演练';

export interface Attempt {
  /** When it was sent, and when its answer (or error) came. */
  at: number;
  end?: number;
  status?: number;
  error?: string;
}

/** One petition a client wants registered, under its own Idempotency-Key. */
export interface Registration {
  key: string;
  subject: string;
  input: Record<string, unknown>;
  attempts: Attempt[];
  /** The answer the client kept: the first 2xx, or a 4xx that asking again would not change. */
  answer?: { status: number; body: any };
}

/** A county-scope complaint registered at 东湖区's front desk: accepted by 第一办理室 (donghu.room1). */
export function countyComplaint(subject: string): Record<string, unknown> {
  return {
    channel: 'visit',
    category: 'complaint',
    matterScope: 'county',
    subject,
    content: '柳岸小区3号楼外墙瓷砖多次脱落，砸坏车辆，物业和社区均未处理。',
    regionCode: '990102001002',
    personCount: 1,
    petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '柳岸小区3号楼' }],
  };
}

/**
 * A township matter brought in person to the city bureau (a level skip, Art. 20): the workers
 * register it, route it (a hand-over), notify the petitioner (a notification) and the township
 * office 东湖街道信访调处室 (dhjd.handler) gets the acceptance task.
 */
export function levelSkipVisit(subject: string): Record<string, unknown> {
  return { ...countyComplaint(subject), matterScope: 'township' };
}

export interface BurstOptions {
  apiUrl: string;
  token: string;
  count: number;
  concurrency: number;
  input: (subject: string) => Record<string, unknown>;
  /** Pause before sending a request again after its answer was lost. */
  retryDelayMs?: number;
}

/**
 * Registers `count` petitions, `concurrency` at a time (starting at once, on construction), each
 * with its own Idempotency-Key. A
 * request whose answer is lost (no answer, or a 5xx) is sent again later with the same key and
 * the same body, as a careful client does, until it gets an answer or the burst's time is up.
 */
export class RegistrationBurst {
  readonly registrations: Registration[];
  inFlight = 0;
  answered = 0;
  readonly done: Promise<Registration[]>;
  private readonly queue: Registration[];
  private readonly deadline = Date.now() + BOUNDS.burstMs;

  constructor(private readonly options: BurstOptions) {
    this.registrations = Array.from({ length: options.count }, () => {
      const key = randomUUID();
      const subject = `${SUBJECT_MARK} ${key}`;
      return { key, subject, input: options.input(subject), attempts: [] };
    });
    this.queue = [...this.registrations];
    this.done = Promise.all(Array.from({ length: options.concurrency }, () => this.client())).then(() => this.registrations);
  }

  get unanswered(): Registration[] {
    return this.registrations.filter((r) => !r.answer);
  }

  /** Requests that reached the API and got no answer (cut off by a fault), and those it refused to connect. */
  get attemptsFailed(): { answerLost: number; refused: number } {
    const failed = this.registrations.flatMap((r) => r.attempts).filter((a) => a.error || (a.status ?? 0) >= 500);
    const refused = failed.filter((a) => a.error === 'ECONNREFUSED').length;
    return { answerLost: failed.length - refused, refused };
  }

  private async client(): Promise<void> {
    while (Date.now() < this.deadline) {
      const next = this.queue.shift();
      if (!next) {
        // Others may still lose an answer and put their registration back.
        if (this.inFlight === 0) return;
        await sleep(50);
        continue;
      }
      this.inFlight++;
      const attempt: Attempt = { at: Date.now() };
      next.attempts.push(attempt);
      try {
        const reply = await call(this.options.apiUrl, 'POST', '/api/petitions', {
          token: this.options.token,
          body: next.input,
          headers: { 'Idempotency-Key': next.key },
        });
        attempt.status = reply.status;
        // 409: the same key is still being worked on; 429: slow down. Both mean "ask again".
        if (reply.status < 500 && reply.status !== 409 && reply.status !== 429) {
          next.answer = { status: reply.status, body: reply.body };
          this.answered++;
        }
      } catch (error) {
        attempt.error = describe(error);
      } finally {
        attempt.end = Date.now();
        this.inFlight--;
      }
      if (!next.answer) {
        this.queue.push(next);
        await sleep(Math.min(1_000, (this.options.retryDelayMs ?? 200) * next.attempts.length));
      }
    }
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
