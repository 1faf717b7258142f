import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@miroir/shared/contracts';
import { ApiException } from './api.exception';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints), constraints: Object.keys(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): ApiException {
  const fields = flatten(errors);
  return new ApiException(400, 'VALIDATION_FAILED', `Invalid ${fields.map((f) => f.field).join(', ')}`, fields);
}

/** Unknown fields are refused, not silently dropped: a typo in a client must not pass unnoticed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });
}
