export { sealContent } from './content';
export { PersonDocument } from './document.entity';
export { documentsError, DocumentsErrorCode } from './documents.errors';
export {
  acceptedMediaType,
  CHUNK_BYTES,
  documentJournalText,
  expiryDeadlines,
  expiryState,
  previewable,
  safeDownloadName,
  type ExpiryDeadline,
} from './documents.rules';
export { DocumentsService, type DocumentChange, type DocumentContent, type NewDocument } from './documents.service';
export { DOCUMENTS_RESYNC_BATCH, documentsJobHandlers } from './reminder-sync';
export { sniffMediaType } from './sniff';
export { DOCUMENT_STORAGE, FolderStorage, newStorageKey, type DocumentStorage } from './storage';

import { PersonDocument } from './document.entity';

export const DOCUMENTS_ENTITIES = [PersonDocument];

/** The encrypted columns, for data-key rotation (the content itself is in the storage folder). */
export const DOCUMENTS_ENCRYPTED_COLUMNS = [{ table: 'document', column: 'file_name' }];
