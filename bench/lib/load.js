// One autocannon run against a JSON-RPC endpoint, reduced to the numbers the table shows.
import autocannon from 'autocannon';

// Where each rotated body list goes on: runs continue the sequence (warm-up, then rounds), so a run
// never starts over with bodies a cache may still hold from the run before.
const positions = new WeakMap();

function nextBody(bodies) {
  const at = positions.get(bodies) ?? 0;
  positions.set(bodies, at + 1);
  return bodies[at % bodies.length];
}

/**
 * @param {{ url: string, bodies: string[], headers: Record<string,string>, connections: number, duration: number, rotate?: boolean }} options
 * `rotate`: every request (across all connections) takes the next body in turn, so with more bodies
 * than a server caches, no request repeats a recent one. Without it each connection cycles through
 * the bodies on its own, and the connections send the same bodies at about the same time.
 * @returns {Promise<{ rps: number, p50: number, p99: number, requests: number, errors: number, non2xx: number, timeouts: number }>}
 */
export async function runLoad({ url, bodies, headers, connections, duration, rotate = false }) {
  const { pathname } = new URL(url);
  const requests = rotate
    ? [{ method: 'POST', path: pathname, headers, setupRequest: (req) => ({ ...req, body: nextBody(bodies) }) }]
    : bodies.map((body) => ({ method: 'POST', path: pathname, headers, body }));
  const result = await autocannon({
    url,
    connections,
    duration,
    // A slow target (100k-doc search) still completes requests: count them rather than time out at 10 s.
    timeout: Math.max(10, duration + 5),
    requests,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}
