import { SetMetadata } from '@nestjs/common';

export type RateLimitBucket = 'signIn' | 'publicQuery';
export const RATE_LIMIT_METADATA = 'petition:rate-limit';

/** Counts calls to this route against one of the configured limits (RATE_LIMIT_*). */
export const RateLimited = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_METADATA, bucket);
