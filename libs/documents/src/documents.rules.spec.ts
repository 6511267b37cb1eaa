import {
  acceptedMediaType,
  chunkRowId,
  chunksOf,
  expiryDeadlines,
  expiryState,
  frame,
  safeDownloadName,
  unframe,
} from './documents.rules';

describe('documents rules', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['image/heif', 'image/heic'],
    ['application/x-cfb', 'application/x-cfb'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['image/svg+xml', null],
    ['text/html', null],
    ['application/zip', null],
    ['application/x-msdownload', null],
    [undefined, null],
  ])('accepts %s as %s', (sniffed, expected) => {
    expect(acceptedMediaType(sniffed)).toBe(expected);
  });

  // 2026-05-04T22:30Z is already 5 May in Paris.
  const late = new Date('2026-05-04T22:30:00Z');
  it.each([
    [null, 'none'],
    ['2026-05-04', 'expired'],
    ['2026-05-05', 'soon'],
    ['2026-07-04', 'soon'],
    ['2026-07-05', 'valid'],
  ])('expiry %s on the Paris day after 22:30 UTC is %s', (expiresOn, state) => {
    expect(expiryState(expiresOn, late, 60)).toBe(state);
  });

  it('lists expiry deadlines of live documents, reminders lead days before and never in the past', () => {
    const docs = [
      { id: 'b', personId: 'p', kind: 'residence_permit', expiresOn: '2026-09-30', deletedAt: null },
      { id: 'a', personId: 'p', kind: 'identity', expiresOn: '2026-05-10', deletedAt: null },
      { id: 'c', personId: 'p', kind: 'identity', expiresOn: null, deletedAt: null },
      { id: 'd', personId: 'p', kind: 'identity', expiresOn: '2026-06-01', deletedAt: new Date() },
    ];
    expect(expiryDeadlines(docs, new Date('2026-05-04T09:00:00Z'), 60)).toEqual([
      { documentId: 'a', personId: 'p', kind: 'identity', expiresOn: '2026-05-10', remindOn: '2026-05-04' },
      { documentId: 'b', personId: 'p', kind: 'residence_permit', expiresOn: '2026-09-30', remindOn: '2026-08-01' },
    ]);
  });

  it.each([
    // [lead days, reminder due, state on 4 May 2026] for a permit expiring on 30 September 2026.
    [60, '2026-08-01', 'valid'],
    [90, '2026-07-02', 'valid'],
    [148, '2026-05-05', 'valid'],
    [149, '2026-05-04', 'soon'],
    // Past already: due today, never in the past.
    [150, '2026-05-04', 'soon'],
    [365, '2026-05-04', 'soon'],
    [1, '2026-09-29', 'valid'],
  ])('with a lead of %i days, the reminder is due on %s and the document is %s', (lead, due, state) => {
    const now = new Date('2026-05-04T09:00:00Z');
    const doc = { id: 'b', personId: 'p', kind: 'residence_permit', expiresOn: '2026-09-30', deletedAt: null };
    expect(expiryDeadlines([doc], now, lead).map((d) => d.remindOn)).toEqual([due]);
    expect(expiryState(doc.expiresOn, now, lead)).toBe(state);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\scan.pdf', 'scan.pdf'],
    ['..', 'fallback'],
    ['a"b\u0000.pdf', 'ab.pdf'],
    ['', 'fallback'],
  ])('download name of %j is %j', (name, expected) => {
    expect(safeDownloadName(name, 'fallback')).toBe(expected);
  });

  it('frames chunks and reads them back; a truncated frame is refused', () => {
    const data = Buffer.alloc(150_000, 3);
    const chunks = chunksOf(data, 65_536);
    expect(chunks.map((c) => c.length)).toEqual([65_536, 65_536, 18_928]);
    expect(chunksOf(Buffer.alloc(0))).toHaveLength(1);
    const framed = frame(chunks);
    expect(Buffer.concat(unframe(framed)).equals(data)).toBe(true);
    expect(() => unframe(framed.subarray(0, framed.length - 1))).toThrow();
    expect(() => unframe(Buffer.alloc(0))).toThrow();
  });

  it('binds each chunk to its document, position and whether it is the last', () => {
    expect(chunkRowId('d', 0, false)).not.toBe(chunkRowId('d', 0, true));
    expect(chunkRowId('d', 1, true)).not.toBe(chunkRowId('e', 1, true));
  });
});
