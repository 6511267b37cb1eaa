import { AppError } from '@app/platform';

export enum DocumentsErrorCode {
  DocumentNotFound = 'DOCUMENT_NOT_FOUND',
  TypeNotAllowed = 'DOCUMENT_TYPE_NOT_ALLOWED',
  TooLarge = 'DOCUMENT_TOO_LARGE',
  NoFile = 'DOCUMENT_FILE_MISSING',
  NotMultipart = 'DOCUMENT_NOT_MULTIPART',
  DatesInconsistent = 'DOCUMENT_DATES_INCONSISTENT',
}

const TABLE: Record<DocumentsErrorCode, [number, string]> = {
  [DocumentsErrorCode.DocumentNotFound]: [404, 'Not found'],
  [DocumentsErrorCode.TypeNotAllowed]: [
    415,
    'Only PDF, JPEG, PNG, HEIC and office documents are accepted (checked from the content)',
  ],
  [DocumentsErrorCode.TooLarge]: [413, 'The file is larger than the upload limit'],
  [DocumentsErrorCode.NoFile]: [400, 'No file was sent'],
  [DocumentsErrorCode.NotMultipart]: [415, 'Send the file as multipart/form-data'],
  [DocumentsErrorCode.DatesInconsistent]: [400, 'The expiry date is before the issue date'],
};

export function documentsError(
  code: DocumentsErrorCode,
  details: { field?: string; code: string; message?: string }[] = [],
): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, details);
}
