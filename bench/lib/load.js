// One autocannon run against a JSON-RPC endpoint, reduced to the numbers the table shows.
import autocannon from 'autocannon';

/**
 * @param {{ url: string, bodies: string[], headers: Record<string,string>, connections: number, duration: number }} options
 * @returns {Promise<{ rps: number, p50: number, p99: number, requests: number, errors: number, non2xx: number, timeouts: number }>}
 */
export async function runLoad({ url, bodies, headers, connections, duration }) {
  const { pathname } = new URL(url);
  const result = await autocannon({
    url,
    connections,
    duration,
    // A slow target (100k-doc search) still completes requests: count them rather than time out at 10 s.
    timeout: Math.max(10, duration + 5),
    // Each connection cycles through the bodies, so servers see varied arguments.
    requests: bodies.map((body) => ({ method: 'POST', path: pathname, headers, body })),
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
