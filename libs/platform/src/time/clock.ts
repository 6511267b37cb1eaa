/**
 * The one source of "now". Business code and SQL receive the instant from here (as a parameter,
 * never `now()` in SQL), so tests move time by injecting another clock.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set and advance. */
export class FixedClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date): void {
    this.current = new Date(instant.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Calendar arithmetic for legal dates happens in this zone (domain/psp.md). */
export const BUSINESS_TIME_ZONE = 'Europe/Paris';
