import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { LocalizedHttpError } from '../common/errors';

/** The library's guard, answering in the caller's language and saying when to try again. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new LocalizedHttpError(429, {
      'zh-CN': `请求过于频繁，请在 ${seconds} 秒后重试`,
      en: `Too many requests; try again in ${seconds} seconds`,
    });
  }
}
