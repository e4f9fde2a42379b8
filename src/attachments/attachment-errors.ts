import { AccessDenied } from '../access/access-denied';
import { LocalizedHttpError } from '../common/errors';
import type { DetectedType } from './content-type';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return String(Math.round((bytes / MB) * 10) / 10);
}

/** An attachment the caller may not read answers exactly like one that does not exist. */
export function attachmentNotFound(id: string): AccessDenied {
  return new AccessDenied('attachment', id, {
    'zh-CN': '未找到该附件，或您无权查看',
    en: 'No such attachment, or you may not see it',
  });
}

export const ATTACHING_REFUSED = new LocalizedHttpError(403, {
  'zh-CN': '只有登记本件的登记人员（登记时的材料）或承办、复查（复核）本件单位的经办人、负责人可以上传附件',
  en: 'Only the registrars who took this case in (with the materials handed in) or the handlers and heads of the unit handling or reviewing it add attachments',
});

export const ATTACHMENTS_WITHHELD = new LocalizedHttpError(403, {
  'zh-CN': '检举控告材料仅限承办的纪检监察机关查看',
  en: 'The materials of an accusation are for the discipline inspection unit handling it only',
});

export const NOT_OUR_TASK = new LocalizedHttpError(400, {
  'zh-CN': '所填任务不是本件在您单位的待办任务',
  en: 'The task given is not an open task of this petition at your unit',
});

export const NO_FILES = new LocalizedHttpError(400, {
  'zh-CN': '请选择要上传的文件（表单字段 file）',
  en: 'Choose the files to upload (form field "file")',
});

export const MALFORMED_UPLOAD = new LocalizedHttpError(400, {
  'zh-CN': '上传的表单格式不正确，请重新选择文件上传',
  en: 'The upload form is malformed; choose the files and upload again',
});

export function fileTooLarge(maxBytes: number): LocalizedHttpError {
  return new LocalizedHttpError(413, {
    'zh-CN': `单个附件不能超过 ${megabytes(maxBytes)} MB`,
    en: `An attachment may not be larger than ${megabytes(maxBytes)} MB`,
  });
}

export function tooManyFilesInRequest(max: number): LocalizedHttpError {
  return new LocalizedHttpError(400, {
    'zh-CN': `每次最多上传 ${max} 个文件（表单字段 file）`,
    en: `Upload at most ${max} files at a time (form field "file")`,
  });
}

export function tooManyFilesOnPetition(max: number, existing: number): LocalizedHttpError {
  return new LocalizedHttpError(413, {
    'zh-CN': `每件信访最多 ${max} 个附件，本件已有 ${existing} 个`,
    en: `A petition holds at most ${max} attachments; this one has ${existing}`,
  });
}

export function petitionTooLarge(maxBytes: number, existingBytes: number): LocalizedHttpError {
  return new LocalizedHttpError(413, {
    'zh-CN': `每件信访的附件合计不能超过 ${megabytes(maxBytes)} MB，本件已有 ${megabytes(existingBytes)} MB`,
    en: `A petition’s attachments may not exceed ${megabytes(maxBytes)} MB in all; this one has ${megabytes(existingBytes)} MB`,
  });
}

export function typeRefused(fileName: string, detected: DetectedType): LocalizedHttpError {
  return new LocalizedHttpError(415, {
    'zh-CN': `文件「${fileName}」是${detected.label['zh-CN']}，不能作为附件上传（可上传 PDF、图片、Word、Excel、OFD 和纯文本）`,
    en: `"${fileName}" is a ${detected.label.en}, which cannot be attached (PDF, images, Word, Excel, OFD and plain text can)`,
  });
}

export function extensionMismatch(fileName: string, detected: DetectedType): LocalizedHttpError {
  const expected = detected.extensions.map((e) => `.${e}`).join(' / ');
  return new LocalizedHttpError(415, {
    'zh-CN': `文件「${fileName}」的内容是${detected.label['zh-CN']}，扩展名应为 ${expected}`,
    en: `"${fileName}" holds a ${detected.label.en}; its extension should be ${expected}`,
  });
}
