import type { DocumentView, OutreachSessionView, Paged, PartnerView, ReferralView } from '@app/contracts';
import { pdfWith, PNG_1X1 } from '../support/multipart';
import { axeViolations, heading, NARROW, overflowsSideways, startHarness, type Harness } from './harness';

jest.setTimeout(90_000);

describe('documents, referrals and outreach in the browser', () => {
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

  it('uploads a document, shows its expiry and previews it; refuses a disguised file', async () => {
    const { world } = h();
    const page = await h().open('workerA1', `/persons/${world.personA1}`);
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByText('Aucun document dans ce dossier.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A text file named like a photo: refused from its content, and the UI says why.
    await page.getByLabel('Choisir un fichier').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image at all'),
    });
    await page.getByRole('button', { name: 'Enregistrer le document' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce type de fichier n’est pas accepté' }).waitFor();

    // A real image, with an expiry date in a few days: "Expire bientôt".
    await page.getByLabel('Choisir un fichier').setInputFiles({
      name: 'titre-de-sejour.png',
      mimeType: 'image/png',
      buffer: PNG_1X1,
    });
    await page.getByLabel('Type de document').selectOption({ label: 'Titre de séjour' });
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Expire le').fill(soon);
    await page.getByRole('button', { name: 'Enregistrer le document' }).click();
    await page.getByText('Document enregistré.').waitFor();
    const table = page.getByRole('table', { name: 'Documents du dossier' });
    await table.getByText('titre-de-sejour.png').waitFor();
    await table.getByText('Expire bientôt').waitFor();

    await table.getByRole('button', { name: 'Aperçu' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu : titre-de-sejour.png' });
    const image = preview.getByRole('img');
    await image.waitFor();
    // The image really decoded (the preview is the decrypted file, not a broken icon).
    await page.waitForFunction(
      '(() => { const img = document.querySelector(\'img[alt^="Aperçu du document"]\'); return Boolean(img && img.complete && img.naturalWidth > 0); })()',
      undefined,
      { timeout: 10_000 },
    );
    expect(await axeViolations(page)).toEqual([]);

    // A PDF previews in a frame.
    await page.getByLabel('Choisir un fichier').setInputFiles({
      name: 'decision.pdf',
      mimeType: 'application/pdf',
      buffer: pdfWith('décision'),
    });
    await page.getByLabel('Type de document').selectOption({ label: 'Décision du préfet' });
    await page.getByLabel('Expire le').fill('');
    await page.getByRole('button', { name: 'Enregistrer le document' }).click();
    await table.getByText('decision.pdf').waitFor();
    const shown = page.waitForResponse((r) => r.url().includes('disposition=inline') && r.status() === 200);
    await table
      .getByRole('row', { name: /decision\.pdf/ })
      .getByRole('button', { name: 'Aperçu' })
      .click();
    const frame = page.locator('iframe[src*="disposition=inline"]');
    await frame.waitFor();
    expect(await frame.getAttribute('title')).toMatch(/decision\.pdf$/);
    // The frame loaded the decrypted PDF itself, inline and from this origin only.
    const response = await shown;
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline;/);

    // The expiry typed wrong is corrected: the label follows.
    await table
      .getByRole('row', { name: /titre-de-sejour\.png/ })
      .getByRole('button', { name: 'Modifier' })
      .click();
    const edit = page.getByRole('region', { name: /^Modifier.*titre-de-sejour\.png$/ });
    await edit.getByLabel('Expire le').fill('2031-12-31');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await edit.waitFor({ state: 'detached' });
    await table
      .getByRole('row', { name: /titre-de-sejour\.png/ })
      .getByText('Valide')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const stored = await h().api<DocumentView[]>('workerA1', 'GET', `/api/persons/${world.personA1}/documents`);
    expect(stored.map((d) => d.fileName).sort()).toEqual(['decision.pdf', 'titre-de-sejour.png']);
  });

  it('records a referral blocked, then allowed once the consent is recorded', async () => {
    const { world } = h();
    const partner = await h().api<PartnerView>('coordinatorA', 'POST', '/api/partners', {
      kind: 'housing',
      name: 'SIAO Essai',
    });
    const page = await h().open('workerA1', `/persons/${world.personA1}`);
    await page.getByRole('tab', { name: 'Orientations' }).click();
    await page.getByText('Aucune orientation pour ce dossier.').waitFor();
    await page.getByRole('combobox', { name: 'Partenaire' }).selectOption(partner.id);
    await page.getByLabel('Motif').fill('Demande d’hébergement d’urgence');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();

    const blocked = page.getByRole('alert').filter({ hasText: 'Pas de consentement, pas de partage' });
    await blocked.waitFor();
    await blocked.getByText(/enregistrez l’un de ces consentements/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await h().api<ReferralView[]>('workerA1', 'GET', `/api/persons/${world.personA1}/referrals`)).toEqual([]);

    await blocked.getByRole('button', { name: 'La personne consent : Partage : logement' }).click();
    await page.getByText(/^Consentement enregistré/).waitFor();
    // A follow-up date in a few days: the referent is reminded that day.
    const followUp = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date de suivi').fill(followUp);
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await page.getByText('Orientation enregistrée.').waitFor();
    const list = page.getByRole('table', { name: 'Orientations du dossier' });
    await list.getByText('SIAO Essai').waitFor();
    await list.getByText('Demande d’hébergement d’urgence').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The follow-up shows on the file's reminders, due on that date.
    await page.getByRole('tab', { name: 'Rappels' }).click();
    const reminder = page.getByRole('article', { name: 'Faire le point sur une orientation vers un partenaire' });
    await reminder.waitFor();
    const [referral] = await h().api<ReferralView[]>('workerA1', 'GET', `/api/persons/${world.personA1}/referrals`);
    expect(referral.followUpOn).toBe(followUp);
    const due = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${followUp}T00:00:00Z`),
    );
    await reminder.getByText(`À traiter le ${due}`).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The consent is in the ledger, as the Consents tab shows.
    await page.getByRole('tab', { name: 'Consentements' }).click();
    await page.getByRole('table', { name: 'Historique des consentements' }).getByText('Partage : logement').waitFor();
  });

  it('lets the outreach volunteer log a session on a 390 px wide phone screen', async () => {
    const page = await h().open('volunteerA', '/outreach', { viewport: NARROW });
    await heading(page, 'Maraudes');
    await page.getByRole('heading', { name: 'Enregistrer une maraude' }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Lieu').selectOption({ label: 'Bois' });
    await page.getByLabel('Personnes rencontrées').fill('5');
    await page.getByLabel('Nouveaux contacts').fill('7');
    await page.getByRole('button', { name: 'Enregistrer la maraude' }).click();
    await page.getByRole('alert').filter({ hasText: 'plus de nouveaux contacts' }).waitFor();

    await page.getByLabel('Nouveaux contacts').fill('2');
    const gender = page.getByRole('group', { name: 'Genre (estimé)' });
    await gender.getByLabel('Femmes').fill('4');
    await gender.getByLabel('Personnes trans').fill('1');
    await page.getByRole('group', { name: 'Langue du premier contact' }).getByLabel('Roumain').fill('3');
    await page.getByRole('group', { name: 'Matériel remis' }).getByLabel('Préservatifs').fill('30');
    await page.getByRole('button', { name: 'Enregistrer la maraude' }).click();
    await page.getByText('Maraude enregistrée.', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Maraudes enregistrées' }).getByText('Bois').waitFor();
    expect(await overflowsSideways(page)).toBe(false);

    const saved = await h().api<Paged<OutreachSessionView>>('volunteerA', 'GET', '/api/outreach-sessions');
    expect(saved.items[0].tallies).toMatchObject({
      peopleMet: 5,
      newContacts: 2,
      gender: { women: 4, trans: 1 },
      firstLanguage: { ro: 3 },
      materials: { condoms: 30 },
    });
    // The volunteer's menu holds outreach and nothing else of casework.
    await page.goto(`/persons/${h().world.personA1}`);
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
  });

  it('lets a coordinator keep the partners directory', async () => {
    const page = await h().open('coordinatorA', '/partners');
    await heading(page, 'Partenaires');
    await page.getByLabel('Type').selectOption({ label: 'Santé' });
    await page.getByLabel('Nom').fill('CeGIDD Essai');
    await page.getByLabel('Téléphone').fill('01 23 45 67 89');
    await page.getByRole('button', { name: 'Ajouter le partenaire' }).click();
    await page.getByText('Partenaire ajouté.').waitFor();
    const directory = page.getByRole('table', { name: 'Annuaire des partenaires' });
    await directory.getByText('CeGIDD Essai').waitFor();
    await directory.getByRole('button', { name: 'Archiver CeGIDD Essai' }).click();
    await directory.getByText('CeGIDD Essai').waitFor({ state: 'detached' });
    expect(await axeViolations(page)).toEqual([]);
  });
});
