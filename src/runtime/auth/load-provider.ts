// Loads our oidc-provider module with one import-time notice filtered out: the library warns
// "Unsupported runtime" below Node 22, yet declares engines >= 18 and our suite runs it on Node 20,
// so the line would only alarm users. Every other warning passes through.
const NOTICE = 'oidc-provider WARNING: Unsupported runtime';

export async function importProviderModule(): Promise<typeof import('./provider.js')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].replace(/\x1b\[[0-9;]*m/g, '').startsWith(NOTICE)) return;
    warn(...args);
  };
  try {
    return await import('./provider.js');
  } finally {
    console.warn = warn;
  }
}
