// The error value corpus loading raises: a code, a human message and a fix hint the CLI prints.

export type CorpusErrorCode =
  | 'CORPUS_UNKNOWN'
  | 'CORPUS_NO_FILES'
  | 'CORPUS_READ_FAILED'
  | 'CORPUS_BAD_RECORD'
  | 'CORPUS_DUPLICATE_ID'
  | 'CORPUS_NO_URL'
  | 'CORPUS_CACHE_CORRUPT';

export class CorpusError extends Error {
  override readonly name = 'CorpusError';
  constructor(
    readonly code: CorpusErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
