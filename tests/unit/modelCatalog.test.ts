import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { catalogSchema } from '../../shared/catalog.js';
import { loadCatalog } from '../../main/models/catalog.js';
import { resolveModelUri } from '../../main/models/modelUri.js';
import { resolveDownloadTarget } from '../../main/services/modelDownloadTarget.js';

const catalogPath = fileURLToPath(new URL('../../../assets/catalog.json', import.meta.url));
const raw = () => JSON.parse(readFileSync(catalogPath, 'utf8'));

test('assets/catalog.json passes the schema, entry by entry', async () => {
  const parsed = catalogSchema.safeParse(raw());
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  const catalog = await loadCatalog(catalogPath);
  const families = new Set(catalog.models.map((entry) => entry.family));
  assert.deepEqual([...families].sort(), ['gemma', 'llama', 'mistral', 'phi', 'qwen', 'smollm']);
  for (const entry of catalog.models) {
    for (const variant of entry.variants) {
      const { url, fileName } = resolveModelUri(variant.uri);
      assert.match(url, /^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/main\/.+\.gguf$/, variant.uri);
      assert.ok(fileName.endsWith('.gguf'));
    }
  }
});

test('the catalog schema rejects what a careless edit would introduce', () => {
  const reject = (change: (catalog: ReturnType<typeof raw>) => void, why: string) => {
    const catalog = raw();
    change(catalog);
    assert.equal(catalogSchema.safeParse(catalog).success, false, why);
  };
  reject((c) => c.models.push(c.models[0]), 'duplicate ids');
  reject((c) => (c.models[0].variants[0].sha256 = 'abc123'), 'a malformed sha256');
  reject((c) => (c.models[0].variants[0].uri = 'hf:user/repo:Q4_K_M'), 'the short hf: form');
  reject((c) => (c.models[0].variants[0].uri = 'ftp://example.com/model.gguf'), 'a non-https URL');
  reject((c) => (c.models[0].defaultQuantization = 'F16'), 'a default quantization with no variant');
  reject((c) => (c.models[0].description = 'x'.repeat(200)), 'a description longer than a line');
  reject((c) => delete c.models[0].licence, 'a missing licence');
  reject((c) => (c.models[0].parameters = 1.5), 'a fractional parameter count');
});

test('hf: URIs resolve to Hugging Face download URLs; bad URIs are clear errors', () => {
  assert.deepEqual(resolveModelUri('hf:someone/Some-Model-GGUF/sub/dir/Some-Model-Q4_K_M.gguf#dev'), {
    url: 'https://huggingface.co/someone/Some-Model-GGUF/resolve/dev/sub/dir/Some-Model-Q4_K_M.gguf',
    fileName: 'Some-Model-Q4_K_M.gguf',
  });
  assert.equal(resolveModelUri('http://127.0.0.1:8080/a%20b.gguf').fileName, 'a_b.gguf');
  assert.throws(() => resolveModelUri('hf:user/repo:Q4_K_M'), {
    code: 'bad-uri',
    message: /must name the file/,
  });
  assert.throws(() => resolveModelUri('https://example.com/index.html'), {
    code: 'bad-uri',
    message: /\.gguf/,
  });
  assert.throws(() => resolveModelUri('file:///etc/passwd'), { code: 'bad-uri' });
  assert.throws(() => resolveModelUri('not a uri'), { code: 'bad-uri' });
});

test('a catalog id picks its default quantization; id:QUANT picks another; a given hash wins', async () => {
  const catalog = await loadCatalog(catalogPath);
  const entry = catalog.models.find((candidate) => candidate.variants.length > 1)!;
  const fallback = entry.variants.find((variant) => variant.quantization === entry.defaultQuantization)!;
  const other = entry.variants.find((variant) => variant.quantization !== entry.defaultQuantization)!;
  assert.equal((await resolveDownloadTarget(catalog, { uri: entry.id })).uri, fallback.uri);
  assert.equal(
    (await resolveDownloadTarget(catalog, { uri: `${entry.id}:${other.quantization.toLowerCase()}` })).uri,
    other.uri,
  );
  const hash = 'AB'.repeat(32);
  assert.equal(
    (await resolveDownloadTarget(catalog, { uri: entry.id, sha256: hash })).sha256,
    hash.toLowerCase(),
  );
  await assert.rejects(resolveDownloadTarget(catalog, { uri: `${entry.id}:Q2_K` }), {
    code: 'bad-uri',
    message: /choose one of/,
  });
  await assert.rejects(resolveDownloadTarget(catalog, { uri: 'no-such-model' }), { code: 'bad-uri' });
});
