// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import RegisterView from '@/workspaces/workbench/views/RegisterView.vue';
import { json, settle, until, usePageTests } from '../helpers/page';
import { mountWorkbenchPage, signIn } from '../helpers/workbench';

// Files chosen with the registration form go up once the petition is registered; a refused file
// never undoes the registration: the page names it with the server's message and offers a retry.

usePageTests();

const REGISTRAR = { username: 'donghu.office', displayName: '陈静', unitCode: '990102-office', unitName: '东湖区信访局', roles: ['registrar'] };
const REGISTERED = { id: 'p1', number: 'XF-990102-2026-000009', queryCode: 'K7Q2-M9XP-3RTA', status: 'received' };

interface Upload {
  fileNames: string[];
  stage: string | null;
  auth: string | null;
}

/** The API: regions, registration, and uploads answered by `uploadAnswer` (multipart bodies are read as FormData). */
function stubApi(uploadAnswer: (u: Upload) => Response) {
  const uploads: Upload[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/regions')) return json(200, [{ code: '990102', name: '东湖区', level: 'county', parentCode: null }]);
      if (url === '/api/petitions' && init?.method === 'POST') return json(201, REGISTERED);
      if (url === '/api/petitions/p1/attachments' && init?.method === 'POST') {
        const form = init.body as FormData;
        const upload = {
          fileNames: form.getAll('file').map((f) => (f as File).name),
          stage: form.get('stage') as string | null,
          auth: new Headers(init.headers).get('Authorization'),
        };
        uploads.push(upload);
        return uploadAnswer(upload);
      }
      return json(404, { message: `unexpected ${url}` });
    }),
  );
  return uploads;
}

type Form = { regionCode: string };
const formOf = (wrapper: VueWrapper) => (wrapper.vm as unknown as { $: { setupState: { form: Form } } }).$.setupState.form;

async function chooseFiles(wrapper: VueWrapper, files: File[]) {
  const input = wrapper.get('input[data-testid="attachment-input"]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
  await settle();
}

describe('attachments chosen with the registration', () => {
  it('uploads them as 信访材料 after registering, names the refused one, and retries it', async () => {
    signIn(REGISTRAR);
    let refusePdf = true;
    const uploads = stubApi((u) =>
      refusePdf && u.fileNames[0]!.endsWith('.pdf')
        ? json(415, { statusCode: 415, message: '文件内容是可执行程序，不是 PDF' })
        : json(201, u.fileNames.map((n, i) => ({ id: `a${i}`, fileName: n }))),
    );
    const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
    await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
    await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
    await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
    await wrapper.get('input[data-testid="register-id-0"]').setValue('11010519491231002X');
    formOf(wrapper).regionCode = '990102';
    await chooseFiles(wrapper, [new File([new Uint8Array([1, 2, 3])], '照片.png', { type: 'image/png' }), new File(['%PDF'], '材料.pdf', { type: 'application/pdf' })]);
    // a file of a type the API never takes is refused at once, before anything is sent
    await chooseFiles(wrapper, [new File(['MZ'], 'setup.exe')]);
    expect(wrapper.get('[data-testid="attachment-problem"]').text()).toContain('setup.exe');
    expect(wrapper.get('[data-testid="attachment-chosen"]').text()).not.toContain('setup.exe');

    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await until(() => expect(wrapper.find('[data-testid="register-attachments-failed"]').exists()).toBe(true));

    // the registration stands; the PNG arrived; the PDF is named with the server's reason
    expect(wrapper.get('[data-testid="register-number"]').text()).toBe(REGISTERED.number);
    expect(uploads.map((u) => [u.fileNames, u.stage, u.auth])).toEqual([
      [['照片.png'], 'materials', 'Bearer token'],
      [['材料.pdf'], 'materials', 'Bearer token'],
    ]);
    const failed = wrapper.get('[data-testid="register-attachments-failed"]').text();
    expect(failed).toContain('材料.pdf');
    expect(failed).toContain('文件内容是可执行程序，不是 PDF');
    expect(failed).not.toContain('照片.png');
    expect(wrapper.get('[data-testid="register-open-case"]').attributes('href')).toBe('/workbench/petitions/p1');

    refusePdf = false;
    await wrapper.get('[data-testid="register-attachments-retry"]').trigger('click');
    await until(() => expect(wrapper.find('[data-testid="register-attachments-failed"]').exists()).toBe(false));
    expect(uploads).toHaveLength(3);
    expect(wrapper.get('[data-testid="register-attachments-uploaded"]').text()).toContain('2');
  });
});
