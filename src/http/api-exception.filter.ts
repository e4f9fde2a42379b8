import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessDenied } from '../access/access-denied';
import { CamundaError } from '../camunda/camunda-rest.client';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';
import { Outage, outageOf } from '../common/outage';
import { languageOf } from '../common/i18n/language';
import { describeProblem } from '../common/i18n/validation-messages';

const GENERIC: Record<number, { 'zh-CN': string; en: string }> = {
  401: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  403: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  404: { 'zh-CN': '未找到该记录，或您无权查看', en: 'Not found, or not visible to you' },
  413: { 'zh-CN': '提交的内容过大，请精简后重试', en: 'The request is too large; shorten it and try again' },
  429: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; please wait and try again' },
  500: { 'zh-CN': '系统内部错误，请稍后重试或联系管理员', en: 'Internal error; try again later or contact an administrator' },
  502: { 'zh-CN': '流程引擎未能处理该请求，请稍后重试或联系管理员', en: 'The process engine could not process the request; try again later or contact an administrator' },
};

const OUTAGE: Record<Outage, { 'zh-CN': string; en: string }> = {
  engine: { 'zh-CN': '流程引擎暂时不可用，请稍后重试', en: 'The process engine is unavailable; try again shortly' },
  database: { 'zh-CN': '数据库暂时不可用，请稍后重试', en: 'The database is unavailable; try again shortly' },
};

/** Seconds a client is asked to wait after a 503 before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Every error leaves as {statusCode, error, message[, errors]} with a message a person can act on,
 * in the caller's language (Accept-Language). Nothing internal leaks in a 5xx.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    this.send(context.getRequest<Request>(), context.getResponse<Response>(), exception);
  }

  /** Also used for errors raised before Nest's routing, such as an oversized or malformed body. */
  send(request: Request, response: Response, exception: unknown): void {
    const lang = languageOf(request.headers['accept-language']);
    const { status, message, errors } = this.describe(exception, lang);
    // For the audit trail: this 404 hid a record from the caller.
    if (exception instanceof AccessDenied) response.locals.accessDenied = exception;
    if (status === 503) {
      // An outage is not a bug: one line, no stack, and the client is told when to come back.
      this.logger.warn(`${request.method} ${request.path}: ${message} (${exception instanceof Error ? exception.message : String(exception)})`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      this.logger.error(
        `${request.method} ${request.path} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    response.status(status).json({
      statusCode: status,
      error: HttpStatus[status] ?? 'Error',
      message,
      ...(errors ? { errors } : {}),
    });
  }

  private describe(
    exception: unknown,
    lang: 'zh-CN' | 'en',
  ): { status: number; message: string; errors?: { field: string; code: string; message: string }[] } {
    if (exception instanceof ValidationFailedException) {
      const errors = exception.problems.map((p) => ({ field: p.field, code: p.code, message: describeProblem(p, lang) }));
      return { status: 400, message: errors.map((e) => e.message).join('；'), errors };
    }
    if (exception instanceof LocalizedHttpError) {
      return { status: exception.status, message: exception.messages[lang] };
    }
    const outage = outageOf(exception);
    if (outage) return { status: 503, message: OUTAGE[outage][lang] };
    if (exception instanceof CamundaError) {
      return { status: 502, message: GENERIC[502][lang] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const own = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
      // Nest's own messages ("Cannot GET /x") are English and technical: prefer ours where we have one.
      const message = GENERIC[status]?.[lang] ?? (typeof own === 'string' ? own : exception.message);
      return { status, message };
    }
    const bodyParser = exception as { type?: string; status?: number } | undefined;
    if (bodyParser?.type === 'entity.too.large') return { status: 413, message: GENERIC[413][lang] };
    if (bodyParser?.type === 'entity.parse.failed') {
      return {
        status: 400,
        message: lang === 'zh-CN' ? '请求内容不是有效的 JSON' : 'The request body is not valid JSON',
      };
    }
    return { status: 500, message: GENERIC[500][lang] };
  }
}
