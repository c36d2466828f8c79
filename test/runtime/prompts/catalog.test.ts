// The prompt catalog on its own: rendering with filters, argument checks, and a resource message
// whose placeholder names a URI that is not declared.
import { describe, expect, it } from 'vitest';
import { createCorpusProvider } from '../../../src/runtime/corpus/provider.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createPromptCatalog, PromptArgumentsError } from '../../../src/runtime/prompts/catalog.js';
import { createResourceCatalog } from '../../../src/runtime/resources/catalog.js';
import { configFromYaml } from '../../helpers/test-server.js';

const YAML = `
name: prompts
resources:
  - { uri: text://a, name: a, text: Alpha }
prompts:
  - name: shout
    title: Shout
    arguments: [{ name: word, required: true }, { name: suffix }]
    messages:
      - { role: user, text: "{{ word | trim | upper }}{{suffix}}" }
  - name: embed
    arguments: [{ name: uri, required: true }]
    messages:
      - { role: assistant, resource: "{{uri}}" }
`;

async function catalog() {
  const config = await configFromYaml(YAML);
  return createPromptCatalog(config, createResourceCatalog(config, createCorpusProvider(config, { logger: silentLogger(), cache: false })));
}

describe('prompt catalog', () => {
  it('lists definitions with required spelled out', async () => {
    expect((await catalog()).list()).toEqual([
      { name: 'shout', title: 'Shout', arguments: [{ name: 'word', required: true }, { name: 'suffix', required: false }] },
      { name: 'embed', arguments: [{ name: 'uri', required: true }] },
    ]);
  });

  it('renders placeholders with filters; absent optional arguments render empty', async () => {
    const prompts = await catalog();
    expect((await prompts.get('shout', { word: '  hey ' }))?.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'HEY' } }]);
    expect((await prompts.get('shout', { word: 'hey', suffix: '!' }))?.messages[0]?.content).toEqual({ type: 'text', text: 'HEY!' });
    expect(await prompts.get('nope', {})).toBeUndefined();
  });

  it('refuses missing, empty, unknown and non-string arguments', async () => {
    const prompts = await catalog();
    await expect(prompts.get('shout', {})).rejects.toThrow(PromptArgumentsError);
    await expect(prompts.get('shout', { word: '' })).rejects.toThrow(/needs the argument word/);
    await expect(prompts.get('shout', { word: 'x', other: 'y' })).rejects.toThrow(/no argument other/);
    await expect(prompts.get('shout', { word: 3 })).rejects.toThrow(/must be a string/);
  });

  it('embeds the resource a placeholder names, and refuses one that is not declared', async () => {
    const prompts = await catalog();
    expect((await prompts.get('embed', { uri: 'text://a' }))?.messages).toEqual([
      { role: 'assistant', content: { type: 'resource', resource: { uri: 'text://a', mimeType: 'text/plain', text: 'Alpha' } } },
    ]);
    await expect(prompts.get('embed', { uri: 'file:///etc/passwd' })).rejects.toThrow(/does not exist/);
  });
});
