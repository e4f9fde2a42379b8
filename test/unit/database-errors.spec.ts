import { isUniqueViolation } from '../../src/database/errors';

describe('a second insert of the same key (isUniqueViolation)', () => {
  it('is MariaDB/MySQL ER_DUP_ENTRY or a SQLite primary-key or unique clash, on the error or its driverError', () => {
    for (const code of ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']) {
      expect(isUniqueViolation({ code })).toBe(true);
      expect(isUniqueViolation({ message: 'Query failed', driverError: { code } })).toBe(true);
    }
  });

  it('is nothing else', () => {
    const others = [
      { code: 'SQLITE_CONSTRAINT_NOTNULL' },
      { code: 'SQLITE_CONSTRAINT_TRIGGER' },
      { code: 'SQLITE_CONSTRAINT' },
      { code: 'ECONNREFUSED' },
      { code: 'SQLITE_BUSY' },
      { code: 'ER_DUP_ENTRY_WITH_KEY_NAME' },
      { driverError: { code: 'ER_NO_REFERENCED_ROW_2' } },
      { driverError: null },
      {},
      null,
      undefined,
    ];
    for (const other of others) expect(isUniqueViolation(other)).toBe(false);
  });
});
