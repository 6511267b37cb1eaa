import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '@app/platform';

/** A malformed id is just an id that does not exist: 404, like one out of scope. */
export const IdParam = new ParseUUIDPipe({ exceptionFactory: () => notFound() });
