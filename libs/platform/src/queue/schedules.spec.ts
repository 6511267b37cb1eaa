import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUSINESS_TIME_ZONE } from '../time/clock';
import { schedules } from './schedules';

const document = readFileSync(resolve(__dirname, '../../../../SCHEDULES.md'), 'utf8');
const rows = document.split('\n').filter((line) => line.startsWith('| `'));

describe('schedules', () => {
  const list = schedules({ relayIntervalMs: 2_000, sweepIntervalMs: 60_000 }, 5_000, 60_000);

  it.each(list.map((s) => [s.id, s]))('%s names Europe/Paris and is listed in SCHEDULES.md', (id, schedule) => {
    expect(schedule.tz).toBe(BUSINESS_TIME_ZONE);
    expect(BUSINESS_TIME_ZONE).toBe('Europe/Paris');
    const row = rows.find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain('Europe/Paris');
  });

  it('lists no schedule the code does not have', () => {
    const documented = rows.map((line) => /^\| `([^`]+)`/.exec(line)?.[1]);
    expect(documented.sort()).toEqual(list.map((s) => s.id).sort());
  });

  it('takes its intervals from the settings', () => {
    expect(schedules({ relayIntervalMs: 250, sweepIntervalMs: 3_000 }).map((s) => s.everyMs)).toEqual([250, 3_000]);
  });
});
