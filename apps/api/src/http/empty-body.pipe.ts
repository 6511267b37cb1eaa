import { type PipeTransform } from '@nestjs/common';
import { AppError, PlatformErrorCode } from '@app/platform';

/**
 * For routes that take no body: anything sent is refused (400) rather than ignored, so a client
 * trying to set `role` or `associationId` on `…/disable` learns it cannot.
 */
export class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown): undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
    const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : ['(body)'];
    throw new AppError(
      PlatformErrorCode.ValidationFailed,
      400,
      'This request takes no body',
      keys.map((field) => ({ field, code: 'whitelistValidation' })),
    );
  }
}

export const EmptyBody = new EmptyBodyPipe();
