import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import type { Role } from '../auth/roles';
import { loadConfig } from '../config/app-config';
import { FirstAdminsModule } from './first-admins.module';
import { Bilingual, FirstAdminsInput, FirstAdminsService, FirstStartRefused } from './first-admins.service';

/**
 * `npm run admin:init` (or `node dist/cli/first-admins.js` where only the build is installed): the
 * first system administrator, security administrator and auditor of a production installation.
 *
 *   SYSTEM_ADMIN_PASSWORD=… SECURITY_ADMIN_PASSWORD=… AUDITOR_PASSWORD=… \
 *   npm run admin:init -- --city 330100:某某市 --unit 330100-petition-office:某某市信访局 \
 *     --system-admin sysadmin:张三 --security-admin secadmin:李四 --auditor auditor:王五
 *
 * Passwords come from the environment (or `<ROLE>_PASSWORD_FILE`, a file holding it, as container
 * secrets are mounted), never from the command line, which every user of the machine can read in `ps`.
 * Exit codes: 0 created; 1 refused (a weak password, already initialised, …: nothing written); 2 error.
 */
const PEOPLE: { option: string; role: Role; env: string }[] = [
  { option: 'system-admin', role: 'system-admin', env: 'SYSTEM_ADMIN_PASSWORD' },
  { option: 'security-admin', role: 'security-admin', env: 'SECURITY_ADMIN_PASSWORD' },
  { option: 'auditor', role: 'auditor', env: 'AUDITOR_PASSWORD' },
];

class UsageError extends FirstStartRefused {}

const usage: Bilingual = {
  'zh-CN':
    '用法：npm run admin:init -- [--city 代码:名称] --unit 代码[:名称] --system-admin 用户名:姓名 --security-admin 用户名:姓名 --auditor 用户名:姓名；' +
    '密码通过环境变量 SYSTEM_ADMIN_PASSWORD、SECURITY_ADMIN_PASSWORD、AUDITOR_PASSWORD（或 *_PASSWORD_FILE 指向的文件）提供，不能写在命令行上',
  en:
    'Usage: npm run admin:init -- [--city code:name] --unit code[:name] --system-admin username:name --security-admin username:name --auditor username:name; ' +
    'passwords come from SYSTEM_ADMIN_PASSWORD, SECURITY_ADMIN_PASSWORD, AUDITOR_PASSWORD (or a file named by *_PASSWORD_FILE), never from the command line',
};

function split(value: string | undefined): [string, string | undefined] {
  if (value === undefined) return ['', undefined];
  const at = value.indexOf(':');
  return at < 0 ? [value.trim(), undefined] : [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

function passwordFrom(env: NodeJS.ProcessEnv, name: string): string {
  const file = env[`${name}_FILE`];
  // A trailing newline is what an editor or `echo` leaves in a secret file, not part of the password.
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  return env[name] ?? '';
}

export function inputFrom(argv: string[], env: NodeJS.ProcessEnv): FirstAdminsInput {
  if (argv.some((a) => /^--?[a-z-]*pass/i.test(a))) {
    throw new UsageError([
      { 'zh-CN': '不能在命令行上给出密码（其他用户可在进程列表中看到）', en: 'Passwords are not taken from the command line (anyone can read it in ps)' },
      usage,
    ]);
  }
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: Object.fromEntries(['city', 'unit', ...PEOPLE.map((p) => p.option)].map((o) => [o, { type: 'string' }])),
    }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new UsageError([{ 'zh-CN': `参数有误：${(error as Error).message}`, en: `Bad arguments: ${(error as Error).message}` }, usage]);
  }
  const missing = ['unit', ...PEOPLE.map((p) => p.option)].filter((o) => !values[o]);
  if (missing.length > 0) {
    throw new UsageError([{ 'zh-CN': `缺少参数：--${missing.join('、--')}`, en: `Missing: --${missing.join(', --')}` }, usage]);
  }
  const [cityCode, cityName] = split(values.city);
  const [unitCode, unitName] = split(values.unit);
  return {
    city: cityCode ? { code: cityCode, name: cityName ?? '' } : undefined,
    unit: { code: unitCode, name: unitName },
    admins: PEOPLE.map(({ option, role, env: name }) => {
      const [username, displayName] = split(values[option]);
      return { role, username, displayName: displayName || username, password: passwordFrom(env, name) };
    }),
  };
}

async function main(): Promise<number> {
  const input = inputFrom(process.argv.slice(2), process.env);
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(FirstAdminsModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    // A fresh database has no schema yet: migrate as the API would (a no-op once it has).
    await app.get(DataSource).runMigrations({ transaction: 'each' });
    const { created } = await app.get(FirstAdminsService).run(input);
    for (const { username, role } of created) console.log(`已创建 / created: ${username} (${role})`);
    console.log('首次启动初始化完成。系统管理员可以登录并导入组织机构。');
    console.log('First start done. The system administrator can sign in and import the organisation.');
    return 0;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      if (error instanceof FirstStartRefused) {
        console.error('未执行 / Refused (nothing was written):');
        for (const reason of error.reasons) console.error(`  - ${reason['zh-CN']}\n    ${reason.en}`);
        process.exitCode = 1;
        return;
      }
      console.error(`首次启动初始化失败 / First start failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
