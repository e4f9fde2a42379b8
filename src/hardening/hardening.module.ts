import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RATE_LIMIT_METADATA, RateLimitBucket } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';

const reflector = new Reflector();
const bucketOf = (context: ExecutionContext) =>
  reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_METADATA, [context.getHandler(), context.getClass()]);
const onlyFor = (bucket: RateLimitBucket) => (context: ExecutionContext) => bucketOf(context) !== bucket;
const address = (request: Request) => request.ip ?? 'unknown';

/**
 * Rate limits on the routes that anyone can call. Sign-in is counted per address and user name, so
 * that one office behind a shared address does not lock out its colleagues, and per address overall,
 * so that trying many user names from one place is slowed too.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const { windowSeconds, signIn, signInPerAddress, publicQuery } = config.http.rateLimits;
        const ttl = windowSeconds * 1000;
        return {
          throttlers: [
            {
              name: 'signIn',
              ttl,
              limit: signIn,
              skipIf: onlyFor('signIn'),
              getTracker: (request) => {
                const username = (request as Request).body?.username;
                return `${address(request as Request)}|${typeof username === 'string' ? username.slice(0, 64) : ''}`;
              },
            },
            { name: 'signInPerAddress', ttl, limit: signInPerAddress, skipIf: onlyFor('signIn'), getTracker: (r) => address(r as Request) },
            { name: 'publicQuery', ttl, limit: publicQuery, skipIf: onlyFor('publicQuery'), getTracker: (r) => address(r as Request) },
          ],
        };
      },
    }),
  ],
  // Registered before the AuthGuard's module so that limits apply before any work is done.
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class HardeningModule {}
