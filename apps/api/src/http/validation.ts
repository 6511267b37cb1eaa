import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, PlatformErrorCode, type ErrorDetail } from '@app/platform';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      // The constraint name (isString, whitelistValidation…) is stable and safe to translate;
      // class-validator's message may quote the input, so it is not sent.
      code: constraint,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Unknown keys are refused, not stripped (mass assignment: a body that tries to set `role` or
 * `associationId` answers 400 and changes nothing).
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new AppError(PlatformErrorCode.ValidationFailed, 400, 'The request is not valid', flatten(errors)),
  });
}
