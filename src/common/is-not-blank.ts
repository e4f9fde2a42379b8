import { registerDecorator, ValidationOptions } from 'class-validator';
import { isBlankText } from './text';

/**
 * Text with something in it, beside `@IsNotEmpty()`: that one lets "\u3000\u3000\t" through, which
 * the service would trim to an empty subject. Missing and empty values stay `@IsNotEmpty()`'s to
 * report ("required"), non-strings `@IsString()`'s.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { ...options, message: `${String(propertyName)} must not be blank` },
      validator: { validate: (value: unknown) => typeof value !== 'string' || value === '' || !isBlankText(value) },
    });
}
