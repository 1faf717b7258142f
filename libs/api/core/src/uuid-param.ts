import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiException } from './api.exception';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => ApiException.invalidField(name, `${name} must be a UUID`) }));
}
