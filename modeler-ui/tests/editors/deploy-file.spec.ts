import { describe, expect, it, vi } from 'vitest';
import { deployFile, deployProcessXml, deployedVersion } from '@/api/processes';
import type { ApiClient } from '@/api/client';
import type { DeploymentResult } from '@/api/types';

function client(result: Partial<DeploymentResult> = {}) {
  const post = vi.fn().mockResolvedValue({ deploymentId: 'd', created: true, processes: [], decisions: [], ...result });
  return { client: { get: vi.fn(), post } as unknown as ApiClient, post };
}

async function sent(post: ReturnType<typeof vi.fn>): Promise<{ path: string; file: File; text: string }> {
  const [path, body] = post.mock.calls[0]!;
  const file = (body as FormData).get('files') as File;
  return { path, file, text: await file.text() };
}

describe('deploying one file', () => {
  it('posts a .dmn as XML and a .form as JSON in the multipart field "files"', async () => {
    const dmn = client();
    await deployFile(dmn.client, 'routing.dmn', '<definitions/>');
    const first = await sent(dmn.post);
    expect(first.path).toBe('/processes/deploy');
    expect(first.file.name).toBe('routing.dmn');
    expect(first.file.type).toBe('application/xml');
    expect(first.text).toBe('<definitions/>');

    const form = client();
    await deployFile(form.client, 'intake.form', '{"id":"intake"}');
    const second = await sent(form.post);
    expect(second.file.name).toBe('intake.form');
    expect(second.file.type).toBe('application/json');
  });

  it('keeps deploying BPMN as "<key>.bpmn"', async () => {
    const bpmn = client();
    await deployProcessXml(bpmn.client, 'petition', '<bpmn/>');
    const { file, text } = await sent(bpmn.post);
    expect(file.name).toBe('petition.bpmn');
    expect(text).toBe('<bpmn/>');
  });

  it('reads the deployed version of a process, decision or form', () => {
    const result: DeploymentResult = {
      deploymentId: 'd',
      created: true,
      processes: ['petition:7'],
      decisions: ['routing:3', 'routing-extra:1'],
      forms: ['intake:2'],
    };
    expect(deployedVersion(result, 'petition')).toBe(7);
    expect(deployedVersion(result, 'routing', 'decisions')).toBe(3);
    expect(deployedVersion(result, 'intake', 'forms')).toBe(2);
    expect(deployedVersion({ ...result, forms: undefined }, 'intake', 'forms')).toBeNull();
    expect(deployedVersion(result, 'routing')).toBeNull();
  });
});
