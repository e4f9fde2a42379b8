import type { Request, Response } from 'express';
import { ApiExceptionFilter } from '../../src/http/api-exception.filter';
import { documentFont } from '../../src/notifications/documents/document-font';

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: { statusCode: number; message: string };
}

/** What the filter answers for `error`, to a caller who reads `language`. */
function answer(error: unknown, language: string): Sent {
  const sent: Sent = { status: 0, headers: {}, body: { statusCode: 0, message: '' } };
  const response = {
    locals: {},
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Sent['body']) => (sent.body = body),
  } as unknown as Response;
  const request = { method: 'GET', path: '/api/notices/n1/document.pdf', headers: { 'accept-language': language } } as unknown as Request;
  new ApiExceptionFilter().send(request, response, error);
  return sent;
}

function fontMissing(): unknown {
  const before = process.env.NOTICE_FONT_PATH;
  process.env.NOTICE_FONT_PATH = '/nonexistent/no-such-font.ttf';
  try {
    documentFont();
  } catch (error) {
    return error;
  } finally {
    if (before === undefined) delete process.env.NOTICE_FONT_PATH;
    else process.env.NOTICE_FONT_PATH = before;
  }
  throw new Error('documentFont() found a font at a path that does not exist');
}

describe('ApiExceptionFilter', () => {
  describe('given a server without a CJK font, a PDF download', () => {
    it('answers 503 (not 500) in Chinese, telling the desk whom to call, with Retry-After', () => {
      const sent = answer(fontMissing(), 'zh-CN');
      expect(sent.status).toBe(503);
      expect(sent.body.statusCode).toBe(503);
      expect(sent.body.message).toContain('缺少中文字体');
      expect(sent.body.message).toContain('联系系统管理员');
      expect(sent.headers['Retry-After']).toBeDefined();
    });

    it('answers in English with the operator’s fix', () => {
      const sent = answer(fontMissing(), 'en');
      expect(sent.status).toBe(503);
      expect(sent.body.message).toMatch(/NOTICE_FONT_PATH=\/nonexistent\/no-such-font\.ttf does not exist/);
      expect(sent.body.message).toContain('fonts-noto-cjk');
    });
  });

  it('still answers an unknown error with 500 and nothing internal', () => {
    const sent = answer(new Error('secret table name in a stack'), 'en');
    expect(sent.status).toBe(500);
    expect(sent.body.message).not.toContain('secret');
  });
});
