import { acceptedMediaType } from './documents.rules';
import type { DocumentMediaType } from '@app/contracts';

/**
 * The type the content says it is (magic numbers; for zip containers, the entries that make a
 * docx, xlsx, odt or ods). file-type is ESM only: loaded once with a dynamic import.
 */
let loaded: Promise<{ fileTypeFromBuffer(input: Uint8Array): Promise<{ mime: string } | undefined> }> | null = null;

export async function sniffMediaType(bytes: Buffer): Promise<DocumentMediaType | null> {
  loaded ??= import('file-type/core');
  const { fileTypeFromBuffer } = await loaded;
  const found = await fileTypeFromBuffer(bytes);
  return acceptedMediaType(found?.mime);
}
