import { AppError } from '../errors/app-error';

/**
 * Why field encryption or a key rotation refused to go on. A value that fails to decrypt is not one
 * of these: it is a `DecryptionError`, whatever the cause (altered, moved, wrong key).
 */
export enum CryptoErrorCode {
  /** Text with a lone UTF-16 surrogate: it cannot survive UTF-8, so it is refused before encryption. */
  MalformedText = 'MALFORMED_TEXT',
  /** Field encryption needs the request's association (it picks the data key and is bound to it). */
  NoAssociation = 'NO_ASSOCIATION',
  /** A table, column or row id that cannot be a place of an encrypted value. */
  InvalidPlace = 'INVALID_FIELD_PLACE',
  /** The association has data keys but none active (left so by hand): refuse to encrypt. */
  NoActiveDataKey = 'NO_ACTIVE_DATA_KEY',
  /** A rotation was started with a role that may not write data keys or the listed tables. */
  RotationNotPermitted = 'KEY_ROTATION_NOT_PERMITTED',
  /** A listed column does not exist, is not bytea, or its table lacks the id or association column. */
  InvalidRotationTarget = 'INVALID_KEY_ROTATION_TARGET',
  /** A stored value did not decrypt during a rotation: the rotation stops, the old key stays usable. */
  UnreadableValue = 'UNREADABLE_VALUE',
  /** Rows were still on an older version at the end of a rotation: the old key is not retired. */
  RotationIncomplete = 'KEY_ROTATION_INCOMPLETE',
}

const STATUS: Record<CryptoErrorCode, number> = {
  [CryptoErrorCode.MalformedText]: 400,
  [CryptoErrorCode.NoAssociation]: 500,
  [CryptoErrorCode.InvalidPlace]: 500,
  [CryptoErrorCode.NoActiveDataKey]: 500,
  [CryptoErrorCode.RotationNotPermitted]: 500,
  [CryptoErrorCode.InvalidRotationTarget]: 500,
  [CryptoErrorCode.UnreadableValue]: 500,
  [CryptoErrorCode.RotationIncomplete]: 500,
};

/** Messages name tables, columns and row ids only, never a value. */
export class CryptoError extends AppError {
  constructor(
    readonly reason: CryptoErrorCode,
    message: string,
  ) {
    super(reason, STATUS[reason], message);
    this.name = 'CryptoError';
  }
}
