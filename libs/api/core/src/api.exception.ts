import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorCode, FieldError } from '@miroir/shared/contracts';

/** The one exception type features throw: its body is the `ApiErrorBody` the web understands. */
export class ApiException extends HttpException {
  constructor(status: number, code: ApiErrorCode, message: string, fields?: FieldError[]) {
    const body: ApiErrorBody = { statusCode: status, code, message, ...(fields ? { fields } : {}) };
    super(body, status);
  }

  static notFound(what: string): ApiException {
    return new ApiException(404, 'NOT_FOUND', `${what} not found`);
  }

  static forbidden(message = 'Your role does not allow this action'): ApiException {
    return new ApiException(403, 'FORBIDDEN', message);
  }

  static unauthenticated(): ApiException {
    return new ApiException(401, 'UNAUTHENTICATED', 'Sign in first');
  }

  static invalidField(field: string, message: string, constraint = 'invalid'): ApiException {
    return new ApiException(400, 'VALIDATION_FAILED', `Invalid ${field}`, [{ field, messages: [message], constraints: [constraint] }]);
  }
}
