// A custom code tool (kind: module): runs in the server process with the server's permissions.
// Returns a JSON object, which clients receive as structuredContent plus its JSON text.
export default async function wordStats(args, ctx) {
  const text = String(args.text);
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const counts = new Map();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, args.top ?? 5)
    .map(([word, count]) => ({ word, count }));
  ctx.logger.debug({ words: words.length }, 'word_stats');
  return { words: words.length, sentences: (text.match(/[.!?]+(\s|$)/g) ?? []).length, top };
}
