import { api, login } from '../support/harness';
import { petitionInput } from '../support/petitions';

describe('registrations at the same moment', () => {
  // Regression: on MariaDB, "insert the counter if missing, then increment it" let concurrent
  // registrations deadlock, and the loser got a 500.
  it('all succeed, each with its own number', async () => {
    const token = await login('donghu.registrar');
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => api('POST', '/api/petitions', { token, body: petitionInput({ subject: `同时登记 ${i}` }) })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(16).fill(201));
    const numbers = responses.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(16);
  });
});
