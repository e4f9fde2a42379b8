import { PipeTransform } from '@nestjs/common';
import { DefinitionKind, definitionNotFound } from './definition-errors';

/**
 * What a process, decision or form key can be: an XML name (letters of any script, digits, `_`, `.`,
 * `-`; no colon), as the engine requires of an id. Anything else cannot have been deployed, so it is
 * a 404 at once — passed on, an emoji made the engine's MySQL query fail (a 4-byte character against
 * its utf8mb3 columns) and the API answer 502.
 */
const DEFINITION_KEY = /^[\p{L}_][\p{L}\p{N}_.-]{0,254}$/u;

export class DefinitionKeyPipe implements PipeTransform<string, string> {
  constructor(private readonly kind: DefinitionKind) {}

  transform(key: string): string {
    if (!DEFINITION_KEY.test(key)) throw definitionNotFound(this.kind, key);
    return key;
  }
}
