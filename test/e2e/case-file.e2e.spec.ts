import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { api, login } from '../support/harness';
import { freshPetitioner, letWindowsLapse, petitionInput, replied } from '../support/petitions';
import { browserPerFile, fillField, screenshotPath } from './browser';

// 卷宗 in a real browser (issue #16 parts 1–3): registering with attachments, the case page with its
// files and a timeline in words, a closed case still readable, another county's user shut out.

/** A real 2×2 PNG (signature, IHDR, IDAT, IEND with their CRCs), so the server's content check accepts it. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF with a correct cross-reference table. */
function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

type InPage = { document: { querySelector: (s: string) => { complete: boolean; naturalWidth: number } | null } };

describe('the case file (卷宗) in a real browser', () => {
  const { signIn } = browserPerFile({ width: 1366, height: 900 });
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'case-file-e2e-'));
    writeFileSync(join(dir, '现场照片.png'), png());
    writeFileSync(join(dir, '信访材料.pdf'), pdf());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let registeredId = '';

  it('a registrar registers with a PNG and a PDF, opens the case page, sees both and previews the image', async () => {
    const page = await signIn('donghu.registrar');
    await page.getByTestId('nav-workbench-register').click();
    const subject = `楼道堆放杂物（卷宗 ${randomUUID().slice(0, 8)}）`;
    await fillField(page, 'register-subject', subject);
    await fillField(page, 'register-content', '楼道长期堆放杂物，存在消防隐患，附现场照片和书面材料。');
    await fillField(page, 'register-region', '柳岸社区');
    await page.locator('.el-cascader__suggestion-item', { hasText: '柳岸社区' }).first().click();
    const [person] = freshPetitioner('孙八');
    await fillField(page, 'register-name-0', person.name);
    await fillField(page, 'register-id-0', person.idNumber);
    await fillField(page, 'register-phone-0', person.phone);
    await page.getByTestId('attachment-input').setInputFiles([join(dir, '现场照片.png'), join(dir, '信访材料.pdf')]);
    await expect(page.getByTestId('attachment-chosen').textContent()).resolves.toContain('现场照片.png');
    await page.getByTestId('register-submit').click();

    await page.getByTestId('register-number').waitFor({ timeout: 20_000 });
    const number = (await page.getByTestId('register-number').textContent())!.trim();
    await page.getByTestId('register-attachments-uploaded').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('register-attachments-failed').count()).toBe(0);

    await page.getByTestId('register-open-case').click();
    await page.getByTestId('case-record').waitFor({ timeout: 20_000 });
    registeredId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByTestId('case-page-number').textContent()).resolves.toContain(number);
    // both files, under 信访材料, with who uploaded them by name
    const materials = page.getByTestId('attachments-materials');
    await materials.waitFor();
    await expect(materials.textContent()).resolves.toContain('现场照片.png');
    await expect(materials.textContent()).resolves.toContain('信访材料.pdf');
    await expect(materials.textContent()).resolves.not.toContain('donghu.registrar');
    // the timeline speaks of units and people by name, not the routing rule's key
    const timeline = (await page.getByTestId('timeline').textContent())!;
    expect(timeline).toContain('登记信访事项');
    expect(timeline).not.toContain('routing.dmn');

    // the image opens in a dialog from the bytes fetched with the token (never a token in a URL), and it really decodes
    await page.locator('[data-testid="attachment-row"][data-name="现场照片.png"] [data-testid="attachment-open"]').click();
    const image = page.getByTestId('attachment-preview-image');
    await image.waitFor();
    // evaluated in the page (no DOM types here): the image has loaded and has the PNG's width
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as InPage).document.querySelector('[data-testid="attachment-preview-image"]');
      return !!img && img.complete && img.naturalWidth === 2;
    });
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: screenshotPath('case-file') });
  });

  it('routing shows in words once the case reaches its unit, and the task page links to the case page', async () => {
    expect(registeredId).not.toBe('');
    const token = await login('donghu.room1');
    // the routing worker runs asynchronously: wait until the case has been routed
    const routed = await (async () => {
      for (let i = 0; i < 120; i++) {
        const view = (await api('GET', `/api/petitions/${registeredId}`, { token })).body;
        if (view?.timeline?.some((e: { kind: string }) => e.kind === 'routed')) return view;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('not routed');
    })();
    const entry = routed.timeline.find((e: { kind: string }) => e.kind === 'routed');
    expect(entry.params.toName).toEqual(routed.currentUnit.name);
    expect(entry.by).toEqual({ username: 'system', name: null });

    const page = await signIn('donghu.room1');
    await page.goto(new URL(`/workbench/petitions/${registeredId}`, page.url()).toString());
    await page.getByTestId('case-record').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain(`按路由规则交由 ${routed.currentUnit.name} 办理`);
    await page.screenshot({ path: screenshotPath('case-file-timeline'), fullPage: true });
    // the room's open task is offered from the case page and leads to the task page, which links back
    await page.getByTestId('case-task-link').first().click();
    await page.getByTestId('task-form-card').waitFor({ timeout: 20_000 });
    await page.getByTestId('task-petition-number').click();
    await page.waitForURL(`**/workbench/petitions/${registeredId}`);
  });

  it('a closed case stays readable on its page', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('周九') }));
    await letWindowsLapse(matter.processInstanceId);
    const view = (await api('GET', `/api/petitions/${matter.id}`, { token: await login('donghu.registrar') })).body;
    expect(view.openTasks).toEqual([]);

    const page = await signIn('donghu.registrar');
    await page.goto(new URL(`/workbench/petitions/${matter.id}`, page.url()).toString());
    await page.getByTestId('case-record').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('case-content').textContent()).resolves.toContain('柳岸小区3号楼外墙瓷砖');
    await expect(page.getByTestId('case-open-tasks').textContent()).resolves.toContain('本件当前没有待办任务');
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain('出具处理意见');
    expect(await page.getByTestId('case-task-link').count()).toBe(0);

    // a supervisor, whose home is the supervision workspace, opens the same page straight from a link
    const supervisor = await signIn('donghu.supervisor', { path: `/workbench/petitions/${matter.id}`, home: 'case-record' });
    expect(new URL(supervisor.url()).pathname).toBe(`/workbench/petitions/${matter.id}`);
    await expect(supervisor.getByTestId('case-closed').textContent()).resolves.toContain('本件已办结');
  });

  it('a user of another county gets the not-found state', async () => {
    expect(registeredId).not.toBe('');
    const page = await signIn('qingshan.room1');
    await page.goto(new URL(`/workbench/petitions/${registeredId}`, page.url()).toString());
    const notFound = page.getByTestId('case-not-found');
    await notFound.waitFor({ timeout: 20_000 });
    await expect(notFound.textContent()).resolves.toContain('未找到该案件或无权查看');
    expect(await page.getByTestId('case-record').count()).toBe(0);
  });
});
