import type { PersonFile } from '@app/contracts';
import { OutboxExecutor, outboxSettings } from '@app/platform';
import { DataSource } from 'typeorm';
import { JOB_HANDLERS } from '../../apps/api/src/jobs/handlers';
import { RemindersArmLoop } from '../../apps/api/src/jobs/reminders-arm.loop';
import { parisToday, periodEnd, plusDays, plusMonths } from '@app/pathways';
import { personInput } from '../support/persons';
import { sql } from '../support/sql';
import { axeViolations, heading, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

describe('reminders in the browser', () => {
  let harness: Harness | undefined;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness?.closePages();
  });

  afterAll(async () => {
    await harness?.close();
  });

  function h(): Harness {
    if (!harness) throw new Error('harness did not start');
    return harness;
  }

  /** What the schedule and the worker do: arm what is due, run the delivery jobs. */
  async function deliver(): Promise<void> {
    const t = h().server.testApp;
    await t.app.get(RemindersArmLoop).armOnce();
    const executor = new OutboxExecutor(t.app.get(DataSource), JOB_HANDLERS, outboxSettings(t.config).retry, t.clock);
    const jobs = await sql<{ id: string }>(
      t.db.superuserUrl,
      `SELECT id FROM outbox_job WHERE job_name = 'reminders.notify' AND state = 'pending'`,
    );
    for (const job of jobs) await executor.execute(job.id);
  }

  it('shows a due reminder with its contact constraint, rings the bell once delivered, snoozes and marks it done', async () => {
    const name = `Rappel Essai${Date.now() % 100000}`;
    const file = await h().api<PersonFile>('workerA1', 'POST', '/api/persons', personInput({ legalName: name }));
    const db = h().server.testApp.db.superuserUrl;
    // The no-contact check fell due yesterday.
    await sql(db, `UPDATE reminder SET due_on = current_date - 1 WHERE person_id = $1 AND kind = 'no_contact'`, [
      file.id,
    ]);
    await deliver();

    const page = await h().open('workerA1', '/caseload');
    const bell = page.getByRole('link', { name: /^Notifications : [1-9]\d* non lue/ });
    await bell.waitFor();
    await bell.click();
    await heading(page, 'Notifications');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByRole('link', { name: 'Notifications : 0 non lue' }).waitFor();

    await page.getByRole('link', { name: 'Voir mes rappels' }).click();
    await heading(page, 'Rappels');
    const overdue = page.getByRole('region', { name: /^En retard/ });
    const card = overdue.getByRole('article').filter({ hasText: name });
    await card.waitFor();
    await card.getByText('Ne jamais appeler · horaires : après 14 h').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Snoozed by a day (keyboard: the menu opens with Enter, the first choice is "D’un jour").
    await card.getByRole('button', { name: 'Reporter' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'D’un jour' }).click();
    const week = page.getByRole('region', { name: /^Cette semaine/ });
    const snoozed = week.getByRole('article').filter({ hasText: name });
    await snoozed.getByText(/^Reporté au /).waitFor();

    await snoozed.getByRole('button', { name: 'Fait' }).click();
    await page.getByRole('article').filter({ hasText: name }).waitFor({ state: 'detached' });
    // Still listed in the file, as done.
    await page.goto(`/persons/${file.id}`);
    await heading(page, name);
    await page.getByRole('tab', { name: 'Rappels' }).click();
    await page
      .getByRole('article', { name: /Prendre des nouvelles/ })
      .getByText('Fait')
      .waitFor();
  });

  it('raises the renewal review of a PSP whose period ends in 60 days; marked done, the next deadline of the file comes up', async () => {
    const t = h().server.testApp;
    const name = `Parcours Essai${Date.now() % 100000}`;
    const file = await h().api<PersonFile>('workerA1', 'POST', '/api/persons', personInput({ legalName: name }));
    // A period 1 that ends 60 days from today (Paris calendar), whatever today is.
    const today = parisToday(t.clock.now());
    const wanted = plusDays(today, 60);
    let startsOn = plusMonths(plusDays(wanted, 1), -6);
    for (let shift = -3; shift <= 3 && periodEnd(startsOn, 6) !== wanted; shift++) {
      startsOn = plusDays(plusMonths(plusDays(wanted, 1), -6), shift);
    }
    expect(periodEnd(startsOn, 6)).toBe(wanted);
    const pathway = await h().api<{ id: string }>('workerA1', 'POST', `/api/persons/${file.id}/pathways`, {
      kind: 'psp',
      openedOn: plusDays(startsOn, -60),
    });
    const step = (body: object) => h().api('workerA1', 'POST', `/api/pathways/${pathway.id}/events`, body);
    await step({ kind: 'submit', on: plusDays(startsOn, -50) });
    await step({ kind: 'opinion', on: plusDays(startsOn, -40), opinion: 'favourable' });
    await step({ kind: 'authorise', on: plusDays(startsOn, -30), startsOn });

    const page = await h().open('workerA1', '/reminders');
    await heading(page, 'Rappels');
    const todays = page.getByRole('region', { name: /^Aujourd’hui/ });
    const review = todays
      .getByRole('article', { name: 'Préparer le bilan et la demande de renouvellement du PSP (annexe 7)' })
      .filter({ hasText: name });
    await review.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await review.getByRole('button', { name: 'Fait' }).click();
    await review.waitFor({ state: 'detached' });
    // The file's next deadline: the end of the period, 60 days from now.
    const later = page.getByRole('region', { name: /^Plus tard/ });
    await later.getByRole('article', { name: 'Fin de la période PSP en cours' }).filter({ hasText: name }).waitFor();
  });
});
