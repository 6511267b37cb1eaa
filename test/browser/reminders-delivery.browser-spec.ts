import type { PersonFile } from '@app/contracts';
import { DEFAULT_PATHWAY_SETTINGS, parisToday, plusDays } from '@app/pathways';
import type { Browser, Page } from 'playwright-core';
import { startDeployment, type DeliveryMode, type Deployment } from '../support/deployment';
import { periodStartFor } from '../support/pathways';
import { personInput } from '../support/persons';
import { sleep, waitUntil } from '../support/processes';
import { sql } from '../support/sql';
import { axeViolations, heading, launchChromium, openSignedIn } from './harness';

// Issue "Reminders", done when: "Reminders appear on time in the browser in both modes (BullMQ and
// embedded)". Envol runs here as a deployment does, from the built entry points, with only its
// timings shortened: the reminders.arm schedule (SCHEDULES.md) every second, the outbox relay (or
// the in-process claim) every 250 ms. Nothing in this file arms a reminder or runs a job.
jest.setTimeout(120_000);

const SETTINGS = { REMINDER_ARM_INTERVAL_MS: '1000', OUTBOX_RELAY_INTERVAL_MS: '250' };
const ARM_MS = Number(SETTINGS.REMINDER_ARM_INTERVAL_MS);
/** From the moment the reminder is due to the bell showing it, in real time. */
const ON_TIME_MS = 20_000;
/** The bell reads the unread count once a minute (apps/web NotificationBell); the page's clock is moved on by that much. */
const BELL_POLL_MS = 60_000;
/** The first renewal review of a PSP period falls due this many days before the period ends. */
const FIRST_REVIEW_LEAD_DAYS = Math.max(...DEFAULT_PATHWAY_SETTINGS.renewalLeadDays);
const REVIEW = 'Préparer le bilan et la demande de renouvellement du PSP (annexe 7)';
const BELL = /^Notifications : (\d+) non lues?$/;

const MODES: { mode: DeliveryMode; processes: string }[] = [
  { mode: 'embedded', processes: 'the API process alone, without REDIS_URL' },
  { mode: 'bullmq', processes: 'the API and worker processes, over BullMQ' },
];

describe.each(MODES)('reminders delivered by $processes', ({ mode }) => {
  let browser: Browser | undefined;
  let deployment: Deployment | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    deployment = await startDeployment(mode, SETTINGS);
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });

  afterAll(async () => {
    await deployment?.close();
    await browser?.close();
  });

  function d(): Deployment {
    if (!deployment) throw new Error('the deployment did not start');
    return deployment;
  }

  /** The last lines of what the processes wrote, for a failure message. */
  function processOutput(): string {
    const { api, worker } = d();
    const tail = (label: string, text: string) => `--- ${label} ---\n${text.split('\n').slice(-30).join('\n')}`;
    return [tail('API', api.output()), ...(worker ? [tail('worker', worker.output())] : [])].join('\n');
  }

  async function unreadOnBell(page: Page): Promise<number> {
    const label = await page.getByRole('link', { name: BELL }).getAttribute('aria-label');
    const match = BELL.exec(label ?? '');
    if (!match) throw new Error(`unexpected bell label: ${label}`);
    return Number(match[1]);
  }

  it('rings the bell on time for a reminder due today, lists it, and notifies it once', async () => {
    const t = d();
    const db = t.fixtures.db.superuserUrl;
    const session = t.world.sessions.workerA1;
    if (!browser || !session) throw new Error('no browser or no session');
    // The mode is the one asked for: without REDIS_URL the API process says it runs the jobs.
    expect(t.api.output().includes('No REDIS_URL')).toBe(mode === 'embedded');
    expect(Boolean(t.worker)).toBe(mode === 'bullmq');
    const page = await openSignedIn(browser, t.baseUrl, session, '/caseload', { clock: true });
    pages.push(page);
    await page.getByRole('link', { name: 'Notifications : 0 non lue' }).waitFor();

    // A PSP whose current period ends in 90 days, written through the API process: by the
    // pathway's own rule its first renewal review falls due today (Paris calendar).
    const name = `Remise Essai${Date.now() % 100000}`;
    const file = await t.request<PersonFile>('workerA1', 'POST', '/api/persons', personInput({ legalName: name }));
    const today = parisToday(new Date());
    const startsOn = periodStartFor(plusDays(today, FIRST_REVIEW_LEAD_DAYS));
    const pathway = await t.request<{ id: string }>('workerA1', 'POST', `/api/persons/${file.id}/pathways`, {
      kind: 'psp',
      openedOn: plusDays(startsOn, -60),
    });
    const step = (body: object) => t.request('workerA1', 'POST', `/api/pathways/${pathway.id}/events`, body);
    await step({ kind: 'submit', on: plusDays(startsOn, -50) });
    await step({ kind: 'opinion', on: plusDays(startsOn, -40), opinion: 'favourable' });
    await step({ kind: 'authorise', on: plusDays(startsOn, -30), startsOn });
    const dueSince = Date.now();
    const reviews = await sql<{ id: string; assignee: string }>(
      db,
      `SELECT id, assignee_user_id AS assignee FROM reminder
        WHERE person_id = $1 AND kind = 'renewal_review' AND due_on = $2::date`,
      [file.id, today],
    );
    expect(reviews).toEqual([{ id: expect.any(String), assignee: t.world.users.workerA1 }]);
    const reviewId = reviews[0].id;

    // The open page's bell polls once a minute: each round moves the page's clock on by a poll.
    const notified = (id: string) =>
      sql<{ n: number }>(db, `SELECT count(*)::int AS n FROM notification WHERE reminder_id = $1`, [id]);
    try {
      await waitUntil(
        'the bell to count an unread notification',
        async () => {
          await page.clock.fastForward(BELL_POLL_MS);
          return unreadOnBell(page);
        },
        (unread) => unread > 0,
        ON_TIME_MS - (Date.now() - dueSince),
        500,
      );
      // Other deadlines of the file fall due with it (and may ring first): the review's own
      // notification is due within the same bound.
      await waitUntil(
        'the review to be notified',
        async () => (await notified(reviewId))[0].n,
        (n) => n > 0,
        Math.max(0, ON_TIME_MS - (Date.now() - dueSince)),
        200,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${processOutput()}`);
    }
    process.stdout.write(
      `${mode}: the bell rang and the review was notified ${((Date.now() - dueSince) / 1000).toFixed(1)} s after it fell due\n`,
    );

    await page.getByRole('link', { name: BELL }).click();
    await heading(page, 'Notifications');
    const items = page.getByRole('listitem').filter({ hasText: `${REVIEW} · non lue` });
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Voir mes rappels' }).click();
    await heading(page, 'Rappels');
    await page
      .getByRole('region', { name: /^Aujourd’hui/ })
      .getByRole('article', { name: REVIEW })
      .filter({ hasText: name })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Once: further arming passes and relay rounds leave one notification and one done job.
    await sleep(3 * ARM_MS);
    expect((await notified(reviewId))[0].n).toBe(1);
    expect(
      await sql(db, `SELECT status, deliveries, queued_at IS NOT NULL AS armed FROM reminder WHERE id = $1`, [
        reviewId,
      ]),
    ).toEqual([{ status: 'notified', deliveries: 1, armed: true }]);
    expect(
      await sql(
        db,
        `SELECT state, effects FROM outbox_job WHERE job_name = 'reminders.notify' AND payload->>'reminderId' = $1`,
        [reviewId],
      ),
    ).toEqual([{ state: 'done', effects: 1 }]);
    // The bell, at its next poll, counts what the server holds for this worker.
    const [{ unread }] = await sql<{ unread: number }>(
      db,
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [t.world.users.workerA1],
    );
    await page.clock.fastForward(BELL_POLL_MS);
    await page.getByRole('link', { name: `Notifications : ${unread} non lue${unread > 1 ? 's' : ''}` }).waitFor();
  });
});
