import { acceptedMediaType } from './documents.rules';
import type { DocumentMediaType } from '@app/contracts';

/**
 * The type the content says it is (magic numbers; for zip containers, the entries that make a
 * docx, xlsx, odt or ods). file-type is ESM only: loaded once with a dynamic import of its
 * `core` entry (the one whose exports jest resolves; compiled to `require`, Node 20.19+ loads ESM).
 */
let loaded: Promise<{ fileTypeFromBuffer: (input: Uint8Array) => Promise<{ mime: string } | undefined> }> | null = null;

export async function sniffMediaType(bytes: Buffer): Promise<DocumentMediaType | null> {
  loaded ??= import('file-type/core');
  const found = await (await loaded).fileTypeFromBuffer(bytes);
  return acceptedMediaType(found?.mime);
}
