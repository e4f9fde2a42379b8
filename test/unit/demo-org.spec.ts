import { ROLES } from '../../src/auth/roles';
import { DEMO_REGIONS, DEMO_UNITS, DEMO_USERS } from '../../src/demo/demo-org';
import { Level, UNIT_KINDS, UnitKind } from '../../src/org/org.types';

const regionsAt = (level: Level) => DEMO_REGIONS.filter((r) => r.level === level);
const childrenOf = (code: string) => DEMO_REGIONS.filter((r) => r.parentCode === code);
const unitKindsOf = (regionCode: string) => DEMO_UNITS.filter((u) => u.regionCode === regionCode).map((u) => u.kind);

/**
 * GB/T 2260 codes nest by their significant digits: a city 990100 is "9901", so its counties are
 * 9901xx; a county's 6 digits start its townships' 9 and villages' 12 digits.
 */
const significant = (code: string, level: Level) => (level === 'city' ? code.replace(/(00)+$/, '') : code);

describe('the demo city', () => {
  it('has one city, two counties, two townships per county and two villages per township', () => {
    expect(regionsAt('city')).toHaveLength(1);
    const [city] = regionsAt('city');
    expect(city.parentCode).toBeNull();
    const counties = childrenOf(city.code);
    expect(counties).toHaveLength(2);
    for (const county of counties) {
      expect(county.level).toBe('county');
      const townships = childrenOf(county.code);
      expect(townships).toHaveLength(2);
      for (const township of townships) {
        expect(township.level).toBe('township');
        const villages = childrenOf(township.code);
        expect(villages).toHaveLength(2);
        villages.forEach((v) => expect(v.level).toBe('village'));
      }
    }
    expect(DEMO_REGIONS).toHaveLength(1 + 2 + 4 + 8);
  });

  it('has unique region codes of 6, 6, 9 and 12 digits by level', () => {
    expect(new Set(DEMO_REGIONS.map((r) => r.code)).size).toBe(DEMO_REGIONS.length);
    const lengths: Record<Level, number> = { city: 6, county: 6, township: 9, village: 12 };
    for (const region of DEMO_REGIONS) expect(region.code).toMatch(new RegExp(`^\\d{${lengths[region.level]}}$`));
  });

  it('uses province code 99, which no real region has', () => {
    for (const region of DEMO_REGIONS) expect(region.code.startsWith('99')).toBe(true);
  });

  it('nests codes: every child code starts with its parent’s code', () => {
    const byCode = new Map(DEMO_REGIONS.map((r) => [r.code, r]));
    const misplaced = DEMO_REGIONS.filter((region) => {
      if (region.parentCode === null) return false;
      const parent = byCode.get(region.parentCode);
      return !parent || !region.code.startsWith(significant(parent.code, parent.level));
    });
    expect(misplaced.map((r) => `${r.code} under ${r.parentCode}`)).toEqual([]);
    // the city's significant digits really are its first four
    expect(significant('990100', 'city')).toBe('9901');
  });

  describe('units', () => {
    it('give every region its petition office, and every village an agent station instead', () => {
      for (const region of DEMO_REGIONS) {
        const expected: UnitKind = region.level === 'village' ? 'agent-station' : 'petition-office';
        expect({ region: region.code, kinds: unitKindsOf(region.code).filter((k) => k === expected) }).toEqual({
          region: region.code,
          kinds: [expected],
        });
      }
    });

    it.each(['city', 'county'] as const)('give the %s handling rooms, departments and discipline inspection', (level) => {
      for (const region of regionsAt(level)) {
        const kinds = unitKindsOf(region.code);
        expect(kinds).toEqual(expect.arrayContaining(['petition-office', 'handling-room', 'department', 'discipline-inspection']));
        expect(kinds.filter((k) => k === 'discipline-inspection')).toHaveLength(1);
      }
    });

    it('leave townships and villages without departments of their own', () => {
      for (const region of [...regionsAt('township'), ...regionsAt('village')]) {
        expect(unitKindsOf(region.code)).not.toEqual(expect.arrayContaining(['department']));
      }
      for (const region of regionsAt('village')) expect(unitKindsOf(region.code)).toEqual(['agent-station']);
    });

    it('join member bodies to their township mediation office, and give every government tier its leadership', () => {
      for (const region of regionsAt('township')) {
        const office = `${region.code}-petition-office`;
        const members = DEMO_UNITS.filter((u) => u.regionCode === region.code && u.kind === 'member-body');
        expect(members.length).toBeGreaterThanOrEqual(3);
        for (const member of members) expect(member.parentUnitCode).toBe(office);
      }
      for (const region of [...regionsAt('city'), ...regionsAt('county'), ...regionsAt('township')]) {
        expect(unitKindsOf(region.code)).toContain('leadership');
      }
      for (const unit of DEMO_UNITS.filter((u) => u.parentUnitCode)) {
        expect(DEMO_UNITS.some((parent) => parent.code === unit.parentUnitCode)).toBe(true);
      }
    });

    it('have unique codes prefixed by their region, names and known kinds', () => {
      expect(new Set(DEMO_UNITS.map((u) => u.code)).size).toBe(DEMO_UNITS.length);
      const regionCodes = new Set(DEMO_REGIONS.map((r) => r.code));
      for (const unit of DEMO_UNITS) {
        expect(regionCodes.has(unit.regionCode)).toBe(true);
        expect(unit.code.startsWith(`${unit.regionCode}-`)).toBe(true);
        expect(UNIT_KINDS).toContain(unit.kind);
        expect(unit.name).not.toBe('');
      }
    });

    it('can route every DMN outcome in every region where the matter may land', () => {
      // routing.dmn sends matters to township petition offices, county handling rooms and discipline
      // inspection, city petition office / department / discipline inspection
      for (const township of regionsAt('township')) expect(unitKindsOf(township.code)).toContain('petition-office');
      for (const county of regionsAt('county')) {
        expect(unitKindsOf(county.code)).toEqual(expect.arrayContaining(['handling-room', 'discipline-inspection']));
      }
      const [city] = regionsAt('city');
      expect(unitKindsOf(city.code)).toEqual(expect.arrayContaining(['petition-office', 'department', 'discipline-inspection']));
    });
  });

  describe('users', () => {
    it('belong to units that exist', () => {
      const unitCodes = new Set(DEMO_UNITS.map((u) => u.code));
      const orphans = DEMO_USERS.filter((u) => !unitCodes.has(u.unitCode)).map((u) => `${u.username} → ${u.unitCode}`);
      expect(orphans).toEqual([]);
    });

    it('have unique usernames and at least one known role each', () => {
      expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
      for (const user of DEMO_USERS) {
        expect(user.roles.length).toBeGreaterThan(0);
        for (const role of user.roles) expect(ROLES).toContain(role);
      }
    });

    it('cover every role, so each part of the product can be tried', () => {
      const covered = new Set(DEMO_USERS.flatMap((u) => u.roles));
      expect(ROLES.filter((role) => !covered.has(role))).toEqual([]);
    });

    it('include the accounts the integration tests sign in with', () => {
      const names = DEMO_USERS.map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['donghu.room1', 'donghu.registrar', 'admin']));
    });
  });
});
