// A document as read from a source, before its URL is resolved and it joins a corpus.

export interface RawDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** As written in the source; may be relative or absent. */
  readonly url?: string;
  readonly metadata?: { readonly [key: string]: unknown };
  /** Where it came from, for error messages: `data/faq.jsonl:12`. */
  readonly origin: string;
}
