import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { AttachmentObjectMissing, AttachmentStore, AttachmentStoreUnavailable } from './attachment-store';

/** Attachments as files under one directory (data/attachments by default), for a single-server setup. */
export class LocalAttachmentStore implements AttachmentStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // Keys are made by keyFor; refusing anything outside the root is a second line against a bad key.
    if (!path.startsWith(this.root + sep)) throw new Error(`attachment key escapes the store: ${key}`);
    return path;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      // Written to a temporary name, synced, then renamed: a reader never sees half a file.
      const temporary = join(dirname(path), `.${randomUUID()}.part`);
      const handle = await open(temporary, 'w', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path).catch(async (error) => {
        await unlink(temporary).catch(() => undefined);
        throw error;
      });
    } catch (error) {
      throw new AttachmentStoreUnavailable(error);
    }
  }

  async get(key: string) {
    const path = this.pathOf(key);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentObjectMissing(key);
      throw new AttachmentStoreUnavailable(error);
    }
    return { body: createReadStream(path), size };
  }
}
