import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter } from '../../src/common/resident-id';
import { openDatabase, TestDatabase } from '../support/database';
import { api, CLIENT_ADDRESS, engine, eventually, login, stackInfo } from '../support/harness';
import { petitionInput, register, Registered, waitForTask } from '../support/petitions';

/** A valid resident ID number no other test uses, so that finding it anywhere means this test put it there. */
function uniqueIdNumber(): string {
  const serial = String(Math.floor(Math.random() * 900) + 100);
  const first17 = `330106198${Math.floor(Math.random() * 10)}0612${serial}`;
  return first17 + checkCharacter(first17);
}

describe('personal data of petitioners', () => {
  const idNumber = uniqueIdNumber();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const name = '欧阳晓明';
  let petition: Registered;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openDatabase();
    petition = await register({ petitioners: [{ name, idNumber, phone, address: '柳岸小区5号楼' }] });
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
  });
  afterAll(() => db.close());

  const masked = {
    name: '欧***',
    idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
    phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    // the district part of the address, the rest starred (as the notice desk shows it)
    address: '柳岸小区5号****',
  };

  it.each([
    ['donghu.registrar', 'registered it', false],
    ['donghu.room1', 'handles it', false],
    ['donghu.room1.head', 'heads the unit handling it', false],
    ['donghu.supervisor', 'supervises the county', true],
    ['city.supervisor', 'supervises the city', true],
  ])('%s (%s) sees it masked: %s', async (who, _why, isMasked) => {
    const response = await api('GET', `/api/petitions/${petition.id}`, { token: await login(who) });
    expect(response.status).toBe(200);
    const [person] = response.body.petitioners;
    expect(person).toEqual(isMasked ? { ...masked, masked: true } : { name, idNumber, phone, address: '柳岸小区5号楼', masked: false });
    if (isMasked) expect(JSON.stringify(response.body)).not.toContain(idNumber.slice(4, 14));
    if (isMasked) expect(JSON.stringify(response.body)).not.toContain('柳岸小区5号楼');
  });

  it('keeps ID and phone numbers encrypted in the database, matched by a keyed hash', async () => {
    const [row] = await db.query<Record<string, string>>(
      'SELECT "idNumberCipher", "idNumberHash", "phoneCipher", "phoneHash", "addressCipher" FROM "petitioner" WHERE "petitionId" = ?',
      [petition.id],
    );
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain(idNumber.slice(6, 14)); // not even the birth date
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain('柳岸小区5号楼');
    // AES-GCM, sealed with the id of the key that encrypted it (so keys can rotate)
    expect(row.idNumberCipher).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    // a keyed hash: not the plain SHA-256 anyone could compute from a list of ID numbers
    const { createHash } = await import('node:crypto');
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.idNumberHash).not.toBe(createHash('sha256').update(idNumber).digest('hex'));
  });

  it('never gives the process engine the person: only the petition id and routing facts', async () => {
    const variables = await engine<Record<string, { value: unknown }>>('GET', `/process-instance/${petition.processInstanceId}/variables`);
    const carried = JSON.stringify(variables);
    expect(variables.petitionId.value).toBe(petition.id);
    for (const secret of [idNumber, phone, name, '柳岸小区5号楼']) expect(carried).not.toContain(secret);
  });

  it('never writes ID or phone numbers to the logs, even when registration fails after its input was accepted', async () => {
    // given registrations valid in every field, refused by the service itself: an unknown region
    // (checked first), an unknown earlier petition (checked after the ID numbers were hashed and matched)
    const token = await login('donghu.registrar');
    const petitioners = [{ name, idNumber, phone, address: '柳岸小区5号楼' }];
    const unknownRegion = await api('POST', '/api/petitions', { token, body: petitionInput({ regionCode: '990102009999', petitioners }) });
    const unknownRepeat = await api('POST', '/api/petitions', { token, body: petitionInput({ repeatOf: 'XF-990102-1999-000001', petitioners }) });
    expect([unknownRegion.status, unknownRegion.body.errors]).toEqual([400, [expect.objectContaining({ field: 'regionCode', code: 'unknownRegion' })]]);
    expect([unknownRepeat.status, unknownRepeat.body.errors]).toEqual([400, [expect.objectContaining({ field: 'repeatOf', code: 'unknownRepeat' })]]);
    for (const refused of [unknownRegion, unknownRepeat]) expect(JSON.stringify(refused.body)).not.toContain(idNumber);

    // then neither the API's log nor the audit entries of the two refusals hold the ID or phone number
    const refusals = await eventually(
      async () => {
        const rows = await db.query<Record<string, unknown>>(
          'SELECT * FROM "audit_log" WHERE "action" = ? AND "outcome" = ? AND "ip" = ?',
          ['petition.create', 'failure', CLIENT_ADDRESS],
        );
        return rows.length >= 2 ? rows : undefined;
      },
      { what: 'the audit entries of the refused registrations' },
    );
    for (const secret of [idNumber, phone]) expect(JSON.stringify(refusals)).not.toContain(secret);
    const log = readFileSync(join(stackInfo().logDir, 'api.log'), 'utf8');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(phone);
  });

  it('shows the public no personal data', async () => {
    const progress = await api('GET', `/api/public/progress?number=${petition.number}&code=${petition.queryCode}`);
    expect(progress.status).toBe(200);
    const shown = JSON.stringify(progress.body);
    for (const secret of [idNumber, phone, name, masked.idNumber, '柳岸小区5号楼']) expect(shown).not.toContain(secret);
  });
});
