import { createHash } from 'node:crypto';
import { api, CLIENT_ADDRESS, eventually, login, stackInfo } from '../support/harness';
import { register, Registered, waitForTask } from '../support/petitions';

/** 附件: files handed in with a petition or added while it is handled, checked, stored, read back and audited. */

// A 1×1 PNG and a one-page PDF, made here rather than read from fixtures.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
// The first bytes of a Linux program (ELF, 64-bit) and of a Windows one (PE).
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0x41)]);
const PE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126, 0x90)]);

const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface AttachmentItem {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  stage: string;
  taskId: string | null;
  uploadedAt: string;
  uploadedBy: { username: string; name: string };
  unit: { code: string; name: string };
}

function form(files: { name: string; bytes: Buffer; type?: string }[], fields: Record<string, string> = { stage: 'materials' }): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  for (const file of files) data.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return data;
}

async function upload(who: string, petitionId: string, files: { name: string; bytes: Buffer; type?: string }[], fields?: Record<string, string>, lang = 'zh-CN') {
  return api<AttachmentItem[] & { message?: string }>('POST', `/api/petitions/${petitionId}/attachments`, { token: await login(who), body: form(files, fields), lang });
}

async function list(who: string, petitionId: string) {
  return api<AttachmentItem[]>('GET', `/api/petitions/${petitionId}/attachments`, { token: await login(who) });
}

/** The raw bytes of an attachment, with the response's headers. */
async function download(who: string, id: string, query = '') {
  const response = await fetch(`${stackInfo().apiUrl}/api/attachments/${id}/content${query}`, {
    headers: { Authorization: `Bearer ${await login(who)}`, 'X-Forwarded-For': CLIENT_ADDRESS },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

let petition: Registered;

beforeAll(async () => {
  petition = await register();
});

describe('attaching the materials handed in at registration', () => {
  let png: AttachmentItem;
  let pdf: AttachmentItem;

  it('stores a PNG and a PDF sent together and lists them with who added them', async () => {
    // given the registrar who took the petition in, with a photo and a signed letter
    const response = await upload('donghu.registrar', petition.id, [
      { name: '现场照片.png', bytes: PNG, type: 'image/png' },
      { name: '信访人来信.pdf', bytes: PDF, type: 'application/pdf' },
    ]);

    // then both are attached, typed from their bytes and hashed
    expect(response.status).toBe(201);
    expect(response.body).toHaveLength(2);
    [png, pdf] = response.body;
    expect(png).toMatchObject({ fileName: '现场照片.png', mediaType: 'image/png', size: PNG.length, sha256: sha256(PNG), stage: 'materials', taskId: null });
    expect(pdf).toMatchObject({ fileName: '信访人来信.pdf', mediaType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) });
    expect(png.uploadedBy.username).toBe('donghu.registrar');
    expect(png.uploadedBy.name).not.toBe('');
    expect(png.unit.code).toBe('990102-petition-office');
    expect(png.unit.name).toContain('东湖区');

    // and the unit handling it sees both, in the order they were sent
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const listed = await list('donghu.room1', petition.id);
    expect(listed.status).toBe(200);
    expect(listed.body.map((a) => a.id)).toEqual([png.id, pdf.id]);
    expect(listed.body[0]).toEqual(png);
  });

  it('gives the same bytes back, shown in place for images and PDF, as a download when asked', async () => {
    const image = await download('donghu.room1', png.id);
    expect(image.status).toBe(200);
    expect(sha256(image.bytes)).toBe(png.sha256);
    expect(image.bytes.equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(image.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(png.sha256, 'hex').toString('base64')}:`);
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);

    const letter = await download('donghu.registrar', pdf.id, '?download=1');
    expect(letter.status).toBe(200);
    expect(letter.bytes.equals(PDF)).toBe(true);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(letter.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('audits every download with who read which attachment', async () => {
    const before = await download('donghu.room1', pdf.id);
    expect(before.status).toBe(200);
    const auditor = await login('auditor');
    const entries = await eventually(
      async () => {
        const response = await api('GET', `/api/audit?maxResults=200&action=attachment.download&resourceId=${pdf.id}`, { token: auditor });
        const items = response.body.items as { actor: string; outcome: string; resourceType: string }[];
        return items.length >= 2 ? items : undefined;
      },
      { what: 'two download entries' },
    );
    expect(entries.map((e) => e.actor).sort()).toEqual(['donghu.registrar', 'donghu.room1']);
    expect(entries.every((e) => e.resourceType === 'attachment' && e.outcome === 'success')).toBe(true);
  });

  it('answers an attachment of another county’s petition exactly like one that does not exist', async () => {
    const refused = await download('qingshan.room1', png.id);
    const missing = await download('qingshan.room1', '00000000-0000-4000-8000-000000000000');
    expect(refused.status).toBe(404);
    expect(refused.bytes.toString()).toBe(missing.bytes.toString());
    expect((await list('qingshan.room1', petition.id)).status).toBe(404);
    expect((await upload('qingshan.room1', petition.id, [{ name: 'x.png', bytes: PNG }])).status).toBe(404);
    // another unit of the same county, which never held it
    expect((await download('donghu.room2', png.id)).status).toBe(404);
  });

  it('lets only those who took it in or work on it add files, and registrars only the materials', async () => {
    expect((await upload('donghu.supervisor', petition.id, [{ name: 'x.png', bytes: PNG }])).status).toBe(403);
    const evidence = await upload('donghu.registrar', petition.id, [{ name: 'x.png', bytes: PNG }], { stage: 'evidence' });
    expect(evidence.status).toBe(403);
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const handler = await upload('donghu.room1', petition.id, [{ name: '调查笔录.png', bytes: PNG }], { stage: 'evidence', taskId: task.id });
    expect(handler.status).toBe(201);
    expect(handler.body[0]).toMatchObject({ stage: 'evidence', taskId: task.id, unit: { code: '990102-handling-room-1' } });
    // a task that is not this petition's open task at the caller's unit is refused
    const otherTask = await upload('donghu.room1', petition.id, [{ name: 'x.png', bytes: PNG }], { stage: 'evidence', taskId: 'no-such-task' });
    expect(otherTask.status).toBe(400);
    expect(otherTask.body.message).toContain('待办任务');
    const badStage = await upload('donghu.room1', petition.id, [{ name: 'x.png', bytes: PNG }], { stage: 'secret' });
    expect(badStage.status).toBe(400);
  });
});

describe('what the bytes are', () => {
  let own: Registered;
  beforeAll(async () => {
    own = await register();
  });

  it('refuses a program disguised as a PDF, naming what it really is', async () => {
    const elf = await upload('donghu.registrar', own.id, [{ name: '证据.pdf', bytes: ELF, type: 'application/pdf' }]);
    expect(elf.status).toBe(415);
    expect(elf.body.message).toContain('ELF 可执行文件');
    const pe = await upload('donghu.registrar', own.id, [{ name: 'scan.pdf', bytes: PE }], undefined, 'en');
    expect(pe.status).toBe(415);
    expect(pe.body.message).toContain('Windows executable');
    // one bad file refuses the whole request: the good one with it is not kept
    const mixed = await upload('donghu.registrar', own.id, [{ name: 'ok.png', bytes: PNG }, { name: 'bad.pdf', bytes: ELF }]);
    expect(mixed.status).toBe(415);
    expect((await list('donghu.registrar', own.id)).body).toEqual([]);
  });

  it('refuses a name whose extension does not agree with the content', async () => {
    const response = await upload('donghu.registrar', own.id, [{ name: 'photo.pdf', bytes: PNG }]);
    expect(response.status).toBe(415);
    expect(response.body.message).toContain('.png');
  });

  it('keeps hostile names harmless: no path, no bidi override, no control characters, not endless', async () => {
    const text = Buffer.from('信访人补充说明：见附件。\n', 'utf8');
    const long = '很'.repeat(300) + '.txt';
    const response = await upload('donghu.registrar', own.id, [
      { name: '../../etc/passwd.txt', bytes: text },
      { name: 'invoice\u202Etxt.exe\u202C.txt', bytes: text },
      { name: long, bytes: text },
      { name: 'a<b>:c|d?.txt', bytes: text },
    ]);
    expect(response.status).toBe(201);
    const names = response.body.map((a) => a.fileName);
    expect(names[0]).toBe('passwd.txt');
    expect(names[1]).toBe('invoicetxt.exe.txt');
    expect([...names[2]].length).toBe(120);
    expect(names[2].endsWith('很.txt')).toBe(true);
    expect(names[3]).toBe('a_b__c_d_.txt');
    expect(response.body[0].mediaType).toBe('text/plain; charset=utf-8');
    // the download's header carries the cleaned name only
    const read = await download('donghu.registrar', response.body[1].id);
    expect(read.headers.get('content-disposition')).toMatch(/^attachment; filename="invoicetxt\.exe\.txt"/);
    // a raw control character in the part header is a malformed request, refused as such
    const bell = await upload('donghu.registrar', own.id, [{ name: 'a\u0007b.txt', bytes: text }]);
    expect(bell.status).toBe(400);
    expect(bell.body.message).toContain('上传的表单格式不正确');
  });

  it('handles a multipart file name that is not valid UTF-8', async () => {
    const boundary = '----attachment-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="stage"\r\n\r\nmaterials\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      Buffer.from([0xe6, 0x9d, 0xa5, 0xff, 0xfe, 0xc3]), // 来, then bytes no UTF-8 text has
      Buffer.from(`.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await fetch(`${stackInfo().apiUrl}/api/petitions/${own.id}/attachments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await login('donghu.registrar')}`, 'X-Forwarded-For': CLIENT_ADDRESS, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(201);
    const [item] = (await response.json()) as AttachmentItem[];
    expect(item.fileName).toBe('来.png');

    // the RFC 5987 form can carry control and bidi characters as escapes: they are dropped too
    const escaped = await fetch(`${stackInfo().apiUrl}/api/petitions/${own.id}/attachments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await login('donghu.registrar')}`, 'X-Forwarded-For': CLIENT_ADDRESS, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="stage"\r\n\r\nmaterials\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%E6%9D%A5%07%E2%80%AEgnp.png\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(escaped.status).toBe(201);
    expect(((await escaped.json()) as AttachmentItem[])[0].fileName).toBe('来gnp.png');
  });
});

describe('limits', () => {
  it('refuses a file over 20 MB with a message saying the limit', async () => {
    const own = await register();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    PNG.copy(big);
    const response = await upload('donghu.registrar', own.id, [{ name: 'big.png', bytes: big }]);
    expect(response.status).toBe(413);
    expect(response.body.message).toContain('20 MB');
    expect((await list('donghu.registrar', own.id)).body).toEqual([]);
  });

  it('takes at most 20 files a request and 50 a petition', async () => {
    const own = await register();
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `补充材料${i + 1}.txt`, bytes: Buffer.from(`第${i + 1}页\n`) }));
    const tooMany = await upload('donghu.registrar', own.id, files(21));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('20');

    expect((await upload('donghu.registrar', own.id, files(20))).status).toBe(201);
    expect((await upload('donghu.registrar', own.id, files(20))).status).toBe(201);
    const over = await upload('donghu.registrar', own.id, files(11));
    expect(over.status).toBe(413);
    expect(over.body.message).toContain('50');
    expect((await upload('donghu.registrar', own.id, files(10))).status).toBe(201);
    expect((await list('donghu.registrar', own.id)).body).toHaveLength(50);
    expect((await upload('donghu.registrar', own.id, files(1))).status).toBe(413);
  });
});

describe('the materials of an accusation (Art. 29)', () => {
  it('are for the discipline inspection unit handling it, not for the unit that took it in', async () => {
    const accusation = await register({ category: 'accusation', subject: `举报（附件${Date.now()}）`, content: '举报某科室负责人收受好处费。' });
    // the desk hands in what the accuser brought
    const response = await upload('donghu.registrar', accusation.id, [{ name: '举报材料.pdf', bytes: PDF }]);
    expect(response.status).toBe(201);
    const [material] = response.body;
    await waitForTask('donghu.discipline', accusation.id, 'accept-decision');

    // the discipline inspection unit handling it lists and reads it
    const listed = await list('donghu.discipline', accusation.id);
    expect(listed.status).toBe(200);
    expect(listed.body.map((a) => a.id)).toEqual([material.id]);
    const read = await download('donghu.discipline', material.id);
    expect(read.status).toBe(200);
    expect(read.bytes.equals(PDF)).toBe(true);

    // the desk that took it in no longer does, nor does the county's supervisor
    const withheld = await list('donghu.registrar', accusation.id);
    expect(withheld.status).toBe(403);
    expect(JSON.stringify(withheld.body)).not.toContain('举报材料');
    expect((await download('donghu.registrar', material.id)).status).toBe(404);
    expect((await list('donghu.supervisor', accusation.id)).status).toBe(403);
    expect((await download('donghu.supervisor', material.id)).status).toBe(404);
    // another county's discipline unit does not even learn it exists
    expect((await download('qingshan.discipline', material.id)).status).toBe(404);
  });
});
