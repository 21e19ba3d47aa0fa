import { authorizedFetch } from "./client";
import { parseSseChunk } from "./sseParser";

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Server-Sent Events over fetch (EventSource cannot send the Authorization header). Reconnects after a
 * dropped stream until `signal` aborts.
 */
export async function streamEvents(path: string, onMessage: (message: SseMessage) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await authorizedFetch(path, { signal, headers: { Accept: "text/event-stream" } });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSseChunk(buffer + value);
        buffer = parsed.rest;
        parsed.messages.forEach(onMessage);
      }
    } catch (error) {
      if (signal.aborted) return;
      console.warn("event stream dropped, reconnecting", error);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
