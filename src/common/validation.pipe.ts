import { ValidationPipe } from '@nestjs/common';
import { problemsFrom, ValidationFailedException } from './errors';

/** Validates every DTO once, at the edge; unknown fields are refused rather than silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedException(problemsFrom(errors)),
  });
}
