import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ValidationFailedException } from '../common/errors';
import { languageOf } from '../common/i18n/language';
import { describeOrgProblem } from './org-admin.messages';

/**
 * Answers a 400 of the organisation administrator's API in the shape ApiExceptionFilter uses
 * ({statusCode, error, message, errors[]}), worded with the labels and problem codes of regions and
 * units. Everything else is left to ApiExceptionFilter.
 */
@Catch(ValidationFailedException)
export class OrgAdminValidationFilter implements ExceptionFilter {
  catch(exception: ValidationFailedException, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const lang = languageOf(context.getRequest<Request>().headers['accept-language']);
    const errors = exception.problems.map((p) => ({ field: p.field, code: p.code, message: describeOrgProblem(p, lang) }));
    context.getResponse<Response>().status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: errors.map((e) => e.message).join('；'),
      errors,
    });
  }
}
