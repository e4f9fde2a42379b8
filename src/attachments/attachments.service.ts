import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { In, IsNull, Repository } from 'typeorm';
import { AccessDenied } from '../access/access-denied';
import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../auth/principal';
import { User } from '../auth/user.entity';
import { PetitionQueries } from '../case-file/petition-queries.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import { PetitionReview } from '../review/petition-review.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { Attachment, AttachmentStage } from './attachment.entity';
import {
  ATTACHING_REFUSED,
  ATTACHMENTS_WITHHELD,
  attachmentNotFound,
  extensionMismatch,
  fileTooLarge,
  NO_FILES,
  NOT_OUR_TASK,
  petitionTooLarge,
  tooManyFilesInRequest,
  tooManyFilesOnPetition,
  typeRefused,
} from './attachment-errors';
import { DetectedType, detectType, extensionOf } from './content-type';
import { sanitizeFileName } from './file-name';
import { ATTACHMENT_STORE, AttachmentStore, keyFor } from './store/attachment-store';

/** One file as received: its name as the client sent it, and where the upload left its bytes. */
export interface IncomingFile {
  originalName: string;
  path: string;
  size: number;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  stage: AttachmentStage;
  taskId: string | null;
  uploadedAt: string;
  uploadedBy: { username: string; name: string };
  unit: { code: string; name: string };
}

interface CheckedFile {
  fileName: string;
  path: string;
  size: number;
  detected: DetectedType;
  sha256: string;
  storageKey: string;
}

export interface AttachmentContent {
  attachment: Attachment;
  inline: boolean;
  body: Readable;
  size: number;
}

/**
 * 附件 of petitions: checked (size, count, what the bytes are), stored (object first, then the row),
 * listed and read back, each through the access policy. Nothing of it goes into engine variables.
 */
@Injectable()
export class AttachmentsService {
  /** Uploads to one petition take turns in this process, so that two cannot both pass its limits. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    @InjectRepository(PetitionReview) private readonly reviews: Repository<PetitionReview>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(OpenTask) private readonly openTasks: Repository<OpenTask>,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: PetitionQueries,
    private readonly access: AccessPolicy,
    private readonly org: OrgService,
    private readonly tx: Transactions,
  ) {}

  get limits() {
    return this.config.attachments;
  }

  async upload(principal: Principal, petitionId: string, stage: AttachmentStage, taskId: string | null, files: IncomingFile[]): Promise<AttachmentView[]> {
    const petition = await this.queries.requireReadable(principal, petitionId);
    if (!this.access.addsAttachments(principal, petition, stage, await this.reviewingUnits(petitionId))) throw ATTACHING_REFUSED;
    if (taskId && !(await this.openTasks.existsBy({ taskId, petitionId, unitCode: principal.unitCode }))) throw NOT_OUR_TASK;
    if (files.length === 0) throw NO_FILES;
    if (files.length > this.limits.maxFilesPerRequest) throw tooManyFilesInRequest(this.limits.maxFilesPerRequest);
    // Every file is judged before any is stored: one bad file refuses the whole request.
    const checked: CheckedFile[] = [];
    for (const file of files) checked.push(await this.check(file));
    return this.inTurn(petitionId, async () => {
      const existing = await this.attachments.find({ select: { size: true }, where: { petitionId, deletedAt: IsNull() } });
      if (existing.length + checked.length > this.limits.maxFilesPerPetition) throw tooManyFilesOnPetition(this.limits.maxFilesPerPetition, existing.length);
      const existingBytes = existing.reduce((sum, a) => sum + a.size, 0);
      const newBytes = checked.reduce((sum, c) => sum + c.size, 0);
      if (existingBytes + newBytes > this.limits.maxBytesPerPetition) throw petitionTooLarge(this.limits.maxBytesPerPetition, existingBytes);
      // Objects first: a crash before the rows leaves an unreferenced object, never a row without bytes.
      for (const file of checked) await this.store.put(file.storageKey, await this.reread(file), file.detected.mediaType);
      const now = new Date();
      const rows = checked.map((file, index) =>
        this.attachments.create({
          id: randomUUID(),
          petitionId,
          stage,
          taskId,
          fileName: file.fileName,
          mediaType: file.detected.mediaType,
          size: file.size,
          sha256: file.sha256,
          storageKey: file.storageKey,
          uploadedBy: principal.username,
          unitCode: principal.unitCode,
          // A millisecond apart, so that the list keeps the order they were sent in.
          uploadedAt: new Date(now.getTime() + index),
          deletedAt: null,
        }),
      );
      await this.tx.write((manager) => manager.save(Attachment, rows));
      return this.views(rows);
    });
  }

  async list(principal: Principal, petitionId: string): Promise<AttachmentView[]> {
    const petition = await this.queries.requireReadable(principal, petitionId);
    if (!(await this.access.canReadContent(principal, petition))) throw ATTACHMENTS_WITHHELD;
    const rows = await this.attachments.find({ where: { petitionId, deletedAt: IsNull() }, order: { uploadedAt: 'ASC' } });
    return this.views(rows);
  }

  /** The bytes of one attachment, for a caller who may read the petition and its content; otherwise 404. */
  async content(principal: Principal, id: string): Promise<AttachmentContent> {
    const attachment = await this.attachments.findOneBy({ id, deletedAt: IsNull() });
    if (!attachment) throw attachmentNotFound(id);
    let petition: Petition;
    try {
      petition = await this.queries.requireReadable(principal, attachment.petitionId);
    } catch (error) {
      if (error instanceof AccessDenied) throw attachmentNotFound(id);
      throw error;
    }
    if (!(await this.access.canReadContent(principal, petition))) throw attachmentNotFound(id);
    const { body, size } = await this.store.get(attachment.storageKey);
    return { attachment, inline: detectInline(attachment.mediaType), body, size: size || attachment.size };
  }

  /** One file at a time in memory (at most the file size limit). */
  private async check(file: IncomingFile): Promise<CheckedFile> {
    const fileName = sanitizeFileName(file.originalName);
    if (file.size > this.limits.maxFileBytes) throw fileTooLarge(this.limits.maxFileBytes);
    const bytes = await readFile(file.path);
    const detected = detectType(bytes);
    if (!detected.allowed) throw typeRefused(fileName, detected);
    if (!detected.extensions.includes(extensionOf(fileName))) throw extensionMismatch(fileName, detected);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { fileName, path: file.path, size: bytes.length, detected, sha256, storageKey: keyFor(sha256) };
  }

  /** The bytes again for the store, refused if they changed on disk since they were judged. */
  private async reread(file: CheckedFile): Promise<Buffer> {
    const bytes = await readFile(file.path);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw new Error(`upload ${file.path} changed while it was being stored`);
    return bytes;
  }

  /** The bodies reviewing the case now (a review or re-review opened, not yet decided). */
  private async reviewingUnits(petitionId: string): Promise<string[]> {
    const reviews = await this.reviews.findBy({ petitionId });
    return reviews.filter((r) => r.openedAt && !r.decidedAt && r.reviewingUnitCode).map((r) => r.reviewingUnitCode!);
  }

  private async inTurn<T>(petitionId: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(petitionId) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    this.turns.set(petitionId, settled);
    try {
      return await run;
    } finally {
      if (this.turns.get(petitionId) === settled) this.turns.delete(petitionId);
    }
  }

  private async views(rows: Attachment[]): Promise<AttachmentView[]> {
    const usernames = [...new Set(rows.map((r) => r.uploadedBy))];
    const names = new Map(
      (usernames.length > 0 ? await this.users.find({ select: { username: true, displayName: true }, where: { username: In(usernames) } }) : []).map((u) => [
        u.username,
        u.displayName,
      ]),
    );
    const units = new Map((await this.org.units()).map((u) => [u.code, u.name]));
    return rows.map((r) => ({
      id: r.id,
      fileName: r.fileName,
      mediaType: r.mediaType,
      size: r.size,
      sha256: r.sha256,
      stage: r.stage,
      taskId: r.taskId,
      uploadedAt: r.uploadedAt.toISOString(),
      uploadedBy: { username: r.uploadedBy, name: names.get(r.uploadedBy) ?? r.uploadedBy },
      unit: { code: r.unitCode, name: units.get(r.unitCode) ?? r.unitCode },
    }));
  }
}

/** Images a browser shows and PDF are shown in place; the rest is always a download. */
function detectInline(mediaType: string): boolean {
  return ['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(mediaType);
}
