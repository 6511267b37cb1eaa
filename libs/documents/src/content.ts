import type { FieldCipher, RequestContext } from '@app/platform';
import { chunkRowId, chunksOf, frame } from './documents.rules';

/**
 * A document's content as it is stored: encrypted in chunks under the association's data key, each
 * chunk bound to the document, its position and whether it is the last, then framed into one blob
 * (README "Documents"). The one place that writes the format `DocumentsService.content` reads.
 */
export async function sealContent(
  ctx: RequestContext,
  cipher: FieldCipher,
  documentId: string,
  bytes: Buffer,
): Promise<Buffer> {
  const chunks = chunksOf(bytes);
  const sealed: Buffer[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const place = {
      table: 'document',
      column: 'content',
      rowId: chunkRowId(documentId, index, index === chunks.length - 1),
    };
    sealed.push(await cipher.encrypt(ctx, place, chunk));
  }
  return frame(sealed);
}
