import { createHash } from 'node:crypto';
import {
  BREAK_REASONS,
  canonicalJson,
  ChainedEntry,
  ChainedFields,
  ChainHead,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from '../../src/audit/audit-chain';

/** A chain of n entries as AuditLog.record would have written it, with its head. */
function chainOf(n: number): { entries: ChainedEntry[]; head: ChainHead } {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq,
      at: new Date(Date.UTC(2026, 0, 5, 8, 0, seq, 123)),
      actor: seq % 2 ? 'donghu.registrar' : 'system',
      unitCode: seq % 2 ? '990102-petition-office' : null,
      ip: seq % 2 ? '10.0.0.7' : null,
      action: seq % 2 ? 'petition.create' : 'process.deploy',
      outcome: 'success',
      resourceType: 'petition',
      resourceId: `p-${seq}`,
      detail: seq % 3 ? canonicalJson({ step: seq, channel: 'visit' }) : null,
    };
    const hash = entryHash(prevHash, fields);
    entries.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return { entries, head: { lastSeq: n, lastHash: prevHash } };
}

/** A DBA's edit that leaves the stored hashes alone. */
const edited = (entry: ChainedEntry, change: Partial<ChainedEntry>): ChainedEntry => ({ ...entry, ...change });

describe('the audit hash chain', () => {
  describe('canonical JSON', () => {
    it('sorts keys at every depth, so key order never changes a hash', () => {
      expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
      expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    });

    it('writes dates as ISO strings and leaves out undefined, as JSON does', () => {
      expect(canonicalJson({ when: new Date(Date.UTC(2026, 0, 1)), gone: undefined })).toBe('{"when":"2026-01-01T00:00:00.000Z"}');
    });
  });

  describe("an entry's hash", () => {
    const { entries } = chainOf(1);
    const first = entries[0];

    it('is sha256 of the previous hash followed by the canonical JSON of the other fields', () => {
      const body =
        '{"action":"petition.create","actor":"donghu.registrar","at":"2026-01-05T08:00:01.123Z",' +
        '"detail":"{\\"channel\\":\\"visit\\",\\"step\\":1}","ip":"10.0.0.7","outcome":"success",' +
        '"resourceId":"p-1","resourceType":"petition","seq":1,"unitCode":"990102-petition-office"}';
      expect(first.hash).toBe(createHash('sha256').update(GENESIS_HASH + body).digest('hex'));
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each<[string, Partial<ChainedFields>]>([
      ['seq', { seq: 2 }],
      ['at (one millisecond later)', { at: new Date(first.at.getTime() + 1) }],
      ['actor', { actor: 'someone.else' }],
      ['actor (to anonymous)', { actor: null }],
      ['unitCode', { unitCode: '990102-handling-room-1' }],
      ['ip', { ip: '10.0.0.8' }],
      ['action', { action: 'petition.delete' }],
      ['outcome', { outcome: 'failure' }],
      ['resourceType', { resourceType: 'task' }],
      ['resourceId', { resourceId: 'p-2' }],
      ['detail', { detail: '{"channel":"visit","step":2}' }],
      ['detail (only its spacing)', { detail: '{"channel": "visit","step":1}' }],
    ])('changes with a different %s', (_field, change) => {
      expect(entryHash(first.prevHash, { ...first, ...change })).not.toBe(first.hash);
    });

    it('changes with the previous hash', () => {
      expect(entryHash('f'.repeat(64), first)).not.toBe(first.hash);
    });
  });

  describe('verification', () => {
    it('finds an intact chain intact, and an empty log too', () => {
      const { entries, head } = chainOf(7);
      expect(verifyChain(entries, head)).toEqual({ ok: true, checked: 7, firstBreak: null, breaks: [], breakCount: 0 });
      expect(verifyChain([], { lastSeq: 0, lastHash: GENESIS_HASH })).toEqual({ ok: true, checked: 0, firstBreak: null, breaks: [], breakCount: 0 });
    });

    it('reports an edited field at the edited row', () => {
      const { entries, head } = chainOf(7);
      entries[3] = edited(entries[3], { action: 'petition.view' });
      const hashMismatch = { seq: 4, reason: BREAK_REASONS.hashMismatch };
      expect(verifyChain(entries, head)).toEqual({ ok: false, checked: 7, firstBreak: hashMismatch, breaks: [hashMismatch], breakCount: 1 });
    });

    it('reads on past a break, so an early broken row cannot hide tampering further on', () => {
      // given a row broken early (as a sign-in with malformed text once did) and a real edit later
      const { entries, head } = chainOf(9);
      entries[1] = edited(entries[1], { actor: '\uFFFDx' });
      entries[6] = edited(entries[6], { resourceId: 'someone-else' });
      const forged = edited(entries[7], { outcome: 'failure' });
      entries[7] = { ...forged, hash: entryHash(forged.prevHash, forged) };
      // then every one of them is reported, in order: the forged row 8 shows at the link of row 9
      expect(verifyChain(entries, head)).toEqual({
        ok: false,
        checked: 9,
        firstBreak: { seq: 2, reason: BREAK_REASONS.hashMismatch },
        breakCount: 3,
        breaks: [
          { seq: 2, reason: BREAK_REASONS.hashMismatch },
          { seq: 7, reason: BREAK_REASONS.hashMismatch },
          { seq: 9, reason: BREAK_REASONS.prevHashMismatch },
        ],
      });
    });

    it('lists at most 100 breaks but counts them all', () => {
      const { entries, head } = chainOf(150);
      const tampered = entries.map((entry) => edited(entry, { detail: '{"changed":true}' }));
      const result = verifyChain(tampered, head);
      expect(result.breakCount).toBe(150);
      expect(result.breaks).toHaveLength(100);
      expect(result.breaks[99]).toEqual({ seq: 100, reason: BREAK_REASONS.hashMismatch });
    });

    it('reports an edited row whose hash was recomputed at the row after it, whose link no longer fits', () => {
      const { entries, head } = chainOf(7);
      const forged = edited(entries[3], { actor: 'someone.else' });
      entries[3] = { ...forged, hash: entryHash(forged.prevHash, forged) };
      expect(verifyChain(entries, head).firstBreak).toEqual({ seq: 5, reason: BREAK_REASONS.prevHashMismatch });
    });

    it('reports a deleted middle row at its seq', () => {
      const { entries, head } = chainOf(7);
      entries.splice(2, 1);
      expect(verifyChain(entries, head).firstBreak).toEqual({ seq: 3, reason: BREAK_REASONS.seqGap });
    });

    it('reports a deleted middle row at its seq when the later rows were renumbered to hide the gap', () => {
      const { entries, head } = chainOf(7);
      entries.splice(2, 1);
      const renumbered = entries.map((entry, index) => edited(entry, { seq: index + 1 }));
      expect(verifyChain(renumbered, { ...head, lastSeq: 6 }).firstBreak).toEqual({ seq: 3, reason: BREAK_REASONS.hashMismatch });
    });

    it('reports a deleted tail at the first missing seq, from the head', () => {
      const { entries, head } = chainOf(7);
      const deleted = { seq: 6, reason: BREAK_REASONS.headMismatch };
      expect(verifyChain(entries.slice(0, 5), head)).toEqual({ ok: false, checked: 5, firstBreak: deleted, breaks: [deleted], breakCount: 1 });
    });

    it('reports a replaced last row whose hash was recomputed, from the head', () => {
      const { entries, head } = chainOf(7);
      const forged = edited(entries[6], { outcome: 'failure' });
      entries[6] = { ...forged, hash: entryHash(forged.prevHash, forged) };
      expect(verifyChain(entries, head).firstBreak).toEqual({ seq: 7, reason: BREAK_REASONS.headMismatch });
    });

    it('reports two rows that swapped places (seq numbers exchanged) at the first of them', () => {
      const { entries, head } = chainOf(7);
      const [third, fourth] = [entries[2], entries[3]];
      // what ORDER BY seq reads after UPDATE … SET seq = 3 for row 4 and seq = 4 for row 3
      entries[2] = edited(fourth, { seq: 3 });
      entries[3] = edited(third, { seq: 4 });
      expect(verifyChain(entries, head).firstBreak).toEqual({ seq: 3, reason: BREAK_REASONS.hashMismatch });
    });

    it('reports rows handed over out of order, each at the seq where the order breaks', () => {
      const { entries, head } = chainOf(7);
      const swapped = [entries[0], entries[1], entries[3], entries[2], ...entries.slice(4)];
      expect(verifyChain(swapped, head).firstBreak).toEqual({ seq: 3, reason: BREAK_REASONS.seqGap });
      const repeated = [entries[0], entries[1], entries[2], entries[1], ...entries.slice(3)];
      expect(verifyChain(repeated, head).firstBreak).toEqual({ seq: 2, reason: BREAK_REASONS.seqOrder });
    });

    it('reports a chain that does not start from the genesis hash', () => {
      const { entries, head } = chainOf(3);
      const forged = edited(entries[0], { prevHash: 'a'.repeat(64) });
      entries[0] = { ...forged, hash: entryHash(forged.prevHash, forged) };
      expect(verifyChain(entries, head).firstBreak).toEqual({ seq: 1, reason: BREAK_REASONS.prevHashMismatch });
    });
  });
});
