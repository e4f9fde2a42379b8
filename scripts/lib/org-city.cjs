/**
 * A generated, realistic city for the organisation import's tests and benchmark: deterministic (the
 * same options give the same rows), with the unit structure of the demo city (src/demo/demo-org.ts)
 * at full size. The default is the size issue #18 asks about: 10 counties, 150 townships, 2,000
 * villages, about 5,000 units and 20,000 accounts. Province 98 does not exist in GB/T 2260, and the
 * demo city is 99, so generated codes clash with neither.
 */
const ExcelJS = require('exceljs');

const SYLLABLES = '安宁平和兴华新城东西南北青松石桥河湾山水林泉阳明光德福源丰茂永昌盛泰康乐云海金玉长春'.split('');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌浩宇凯辉鑫莉宁波婷雪琳晨阳佳欣怡俊'.split('');

const COUNTY_DEPARTMENTS = [
  'housing', 'hrss', 'natural-resources', 'education', 'health', 'civil-affairs', 'public-security', 'justice', 'finance', 'transport',
  'water', 'agriculture', 'commerce', 'culture', 'ecology', 'emergency', 'market', 'statistics', 'audit', 'forestry',
  'veterans', 'medical-insurance', 'urban-management', 'development-reform', 'industry', 'science', 'sports', 'tax', 'grain', 'retirement',
];
const DEPARTMENT_NAMES = [
  '住房和城乡建设局', '人力资源和社会保障局', '自然资源和规划局', '教育局', '卫生健康局', '民政局', '公安局', '司法局', '财政局', '交通运输局',
  '水利局', '农业农村局', '商务局', '文化和旅游局', '生态环境局', '应急管理局', '市场监督管理局', '统计局', '审计局', '林业局',
  '退役军人事务局', '医疗保障局', '城市管理局', '发展和改革局', '经济和信息化局', '科学技术局', '体育局', '税务局', '粮食和物资储备局', '机关事务管理局',
];
const MEMBER_BODIES = [
  ['comprehensive-office', '综治办'], ['judicial-office', '司法所'], ['police-station', '派出所'], ['land-office', '自然资源所'],
  ['labour-office', '劳动保障所'], ['agriculture-center', '农业服务中心'], ['market-office', '市场监管所'], ['finance-office', '财政所'],
  ['civil-office', '民政办'], ['planning-office', '规划建设办'], ['water-station', '水利站'], ['culture-station', '文化站'],
  ['health-center', '卫生院'], ['veterans-station', '退役军人服务站'],
];

/** A small deterministic generator (mulberry32): the same seed, the same city. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The city's regions, units and accounts. Options: counties, townships, villages (totals), accounts
 * (about), passwordEvery (every n-th account gets an initial password; 0 = none), cityCode.
 */
function generateCity(options = {}) {
  const { counties = 10, townships = 150, villages = 2000, accounts = 20000, passwordEvery = 20, cityCode = '980100', seed = 18 } = options;
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const placeName = () => pick(SYLLABLES) + pick(SYLLABLES);
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
  const regions = [];
  const units = [];
  const cityName = '测试市';
  regions.push({ code: cityCode, name: cityName, level: 'city', parentCode: '' });
  const unit = (region, suffix, name, kind, parentSuffix = '', reviewingUnitCode = '') =>
    units.push({
      code: `${region.code}-${suffix}`,
      name,
      kind,
      regionCode: region.code,
      parentUnitCode: parentSuffix ? `${region.code}-${parentSuffix}` : '',
      reviewingUnitCode,
    });
  const city = regions[0];
  unit(city, 'leadership', `中共${cityName}委、${cityName}人民政府`, 'leadership');
  unit(city, 'petition-office', `${cityName}信访局`, 'petition-office');
  for (let r = 1; r <= 4; r++) unit(city, `handling-room-${r}`, `${cityName}信访事项第${r}办理室`, 'handling-room', 'petition-office');
  COUNTY_DEPARTMENTS.forEach((d, i) => unit(city, `dept-${d}`, `${cityName}${DEPARTMENT_NAMES[i]}`, 'department'));
  unit(city, 'discipline', `${cityName}纪委监委`, 'discipline-inspection');

  const prefix = cityCode.slice(0, 4);
  let townshipIndex = 0;
  let villageIndex = 0;
  for (let c = 0; c < counties; c++) {
    const county = { code: `${prefix}${String(c + 2).padStart(2, '0')}`, name: `${placeName()}${c % 3 === 0 ? '区' : '县'}`, level: 'county', parentCode: cityCode };
    regions.push(county);
    unit(county, 'leadership', `中共${county.name}委、${county.name}人民政府`, 'leadership');
    unit(county, 'petition-office', `${county.name}信访接待办理中心`, 'petition-office');
    for (let r = 1; r <= 5; r++) unit(county, `handling-room-${r}`, `${county.name}信访接待办理中心第${r}办理室`, 'handling-room', 'petition-office');
    COUNTY_DEPARTMENTS.forEach((d, i) => unit(county, `dept-${d}`, `${county.name}${DEPARTMENT_NAMES[i]}`, 'department'));
    unit(county, 'discipline', `${county.name}纪委监委`, 'discipline-inspection');
    const townshipsHere = Math.floor(townships / counties) + (c < townships % counties ? 1 : 0);
    for (let t = 0; t < townshipsHere; t++, townshipIndex++) {
      const township = { code: `${county.code}${String(t + 1).padStart(3, '0')}`, name: `${placeName()}${t % 2 ? '镇' : '街道'}`, level: 'township', parentCode: county.code };
      regions.push(township);
      unit(township, 'leadership', `中共${township.name}委员会、${township.name}人民政府（办事处）`, 'leadership');
      unit(township, 'petition-office', `${township.name}信访调处室`, 'petition-office');
      for (const [suffix, name] of MEMBER_BODIES) unit(township, suffix, `${township.name}${name}`, 'member-body', 'petition-office');
      const villagesHere = Math.floor(villages / townships) + (townshipIndex < villages % townships ? 1 : 0);
      for (let v = 0; v < villagesHere; v++, villageIndex++) {
        const village = { code: `${township.code}${String(v + 1).padStart(3, '0')}`, name: `${placeName()}${v % 2 ? '村' : '社区'}`, level: 'village', parentCode: township.code };
        regions.push(village);
        unit(village, 'agent-station', `${village.name}信访代办站`, 'agent-station');
      }
    }
  }

  // Accounts spread over the units, more where the work is: offices and rooms get several, others one or two.
  const weight = (u) =>
    u.kind === 'petition-office' ? 12 : u.kind === 'handling-room' ? 10 : u.kind === 'agent-station' ? 4 : u.kind === 'department' ? 8 : u.kind === 'member-body' ? 2 : 3;
  const totalWeight = units.reduce((n, u) => n + weight(u), 0);
  const users = [];
  let share = 0;
  for (const u of units) {
    // The running share, rounded: the counts add up to `accounts` (every unit has at least one).
    share += (weight(u) / totalWeight) * accounts;
    // A petition office has at least its head, a registrar, a supervisor and a handler.
    const count = Math.max(u.kind === 'petition-office' ? 4 : 1, Math.round(share) - users.length);
    for (let i = 1; i <= count; i++) {
      const roles =
        u.kind === 'agent-station' ? 'agent'
        : u.kind === 'petition-office' ? (i === 1 ? '单位负责人' : i === 2 ? '登记员' : i === 3 ? 'supervisor' : '经办人、登记员')
        : i === 1 ? 'unit-head' : 'handler';
      const username = `${u.code.replace(/-/g, '.')}.${String(i).padStart(2, '0')}`.slice(0, 64);
      const n = users.length + 1;
      // The registrar of every county office can sign in, so that the benchmark can register petitions.
      const registrarOfCounty = u.kind === 'petition-office' && u.regionCode.length === 6 && i === 2;
      const password = registrarOfCounty || (passwordEvery > 0 && n % passwordEvery === 0) ? passwordOf(username) : '';
      users.push({ username, displayName: personName(), unitCode: u.code, roles, initialPassword: password });
    }
  }
  return { regions, units, users };
}

/** The generated initial password of an account: deterministic, and it follows the password policy. */
function passwordOf(username) {
  let h = 0;
  for (const c of username) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `Init#${h.toString(36)}Q7`;
}

/** The same city after a year of changes: some renamed, some moved, some new. */
function changedCity(city) {
  const regions = city.regions.map((r, i) => (r.level === 'village' && i % 97 === 0 ? { ...r, name: `${r.name}（合并后）` } : r));
  const units = city.units.map((u, i) => (i % 101 === 0 ? { ...u, name: `${u.name}（更名）` } : u));
  const users = city.users.map((u, i) => (i % 211 === 0 ? { ...u, displayName: `${u.displayName}（调整）` } : u));
  const offices = city.units.filter((u) => u.kind === 'petition-office');
  offices.slice(0, 50).forEach((o, i) => {
    const township = o.regionCode.length === 9;
    units.push({
      code: `${o.regionCode}-${township ? 'member' : 'handling-room'}-new${i}`,
      name: `新增单位${i}`,
      kind: township ? 'member-body' : 'handling-room',
      regionCode: o.regionCode,
      parentUnitCode: o.code,
      reviewingUnitCode: '',
    });
  });
  for (let i = 0; i < 200; i++) users.push({ username: `new.user.${i}`, displayName: `新用户${i}`, unitCode: offices[i % offices.length].code, roles: 'handler', initialPassword: '' });
  return { regions, units, users };
}

const COLUMNS = {
  regions: [['code', '区划代码'], ['name', '名称'], ['level', '层级'], ['parentCode', '上级区划代码']],
  units: [['code', '单位代码'], ['name', '名称'], ['kind', '单位类型'], ['regionCode', '所属区划代码'], ['parentUnitCode', '上级单位代码'], ['reviewingUnitCode', '复查机关代码']],
  users: [['username', '用户名'], ['displayName', '姓名'], ['unitCode', '所属单位代码'], ['roles', '角色'], ['initialPassword', '初始密码']],
};
const SHEET_NAMES = { regions: '区划 regions', units: '单位 units', users: '账号 users' };

/** The city as an import workbook, the template's way (header "区划代码 (code)"), codes as text. */
async function cityWorkbook(city) {
  const workbook = new ExcelJS.Workbook();
  for (const key of ['regions', 'units', 'users']) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[key]);
    sheet.addRow(COLUMNS[key].map(([k, label]) => `${label} (${k})`));
    for (const row of city[key]) sheet.addRow(COLUMNS[key].map(([k]) => row[k] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet as a CSV file (UTF-8), quoted where needed. */
function cityCsv(city, key) {
  const quote = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [COLUMNS[key].map(([k, label]) => `${label} (${k})`).join(',')];
  for (const row of city[key]) lines.push(COLUMNS[key].map(([k]) => quote(row[k] ?? '')).join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

module.exports = { generateCity, changedCity, cityWorkbook, cityCsv, passwordOf };
