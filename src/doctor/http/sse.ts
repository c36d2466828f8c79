// Reads a text/event-stream body event by event (eventsource-parser), stopping as soon as the caller has what it needs.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseReadResult {
  readonly events: readonly EventSourceMessage[];
  /** The raw text read, for error snippets. */
  readonly text: string;
  /** True when we stopped early and cancelled the stream. */
  readonly stoppedEarly: boolean;
}

/**
 * Collects SSE events until the stream ends or `stop(event)` returns true.
 * MCP servers may keep a POST stream open after the reply; stopping on the reply keeps doctor fast.
 */
export async function readSseEvents(body: ReadableStream<Uint8Array>, stop?: (event: EventSourceMessage) => boolean): Promise<SseReadResult> {
  const events: EventSourceMessage[] = [];
  let done = false;
  const parser = createParser({
    onEvent(event) {
      events.push(event);
      if (stop?.(event)) done = true;
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!done) {
      const chunk = await reader.read();
      if (chunk.done) break;
      const piece = decoder.decode(chunk.value, { stream: true });
      text += piece;
      parser.feed(piece);
    }
    // Like EventSource, an event cut off before its blank line is not dispatched: clients would lose it too.
  } finally {
    if (done) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  return { events, text, stoppedEarly: done };
}
