import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, type TestContext, test } from 'node:test';
import fc from 'fast-check';
import { readGgufFileInfo } from 'node-llama-cpp';
import WebSocket from 'ws';
import {
  channels,
  SOCKET_PATH,
  type SocketServerMessage,
  validateRequest,
} from '../../shared/contract/index.js';
import { isUserError } from '../../shared/errors.js';
import { PresetFileError, parsePresetFile, serializePresetFile } from '../../shared/presetFile.js';
import { createRose, type Rose } from '../../main/app/createRose.js';
import { checkGgufHeader } from '../../main/models/ggufHeaderCheck.js';
import { cookieName, newAccessToken } from '../../main/server/access.js';
import { type RunningServer, startRoseServer } from '../../main/server/roseServer.js';
import { getRequest, rawRequest, upgradeRequest } from '../support/httpProbe.js';
import { getTinyModel } from '../support/testModels.js';

/**
 * Property-based fuzzing of Rose's entry points with fast-check: thousands of generated inputs,
 * each property bounded by a run count and a time limit so the file takes seconds. A failure
 * prints fast-check's seed and the shrunk input; `ROSE_FUZZ_SEED=<seed>` replays it.
 */
const seed = process.env.ROSE_FUZZ_SEED === undefined ? undefined : Number(process.env.ROSE_FUZZ_SEED);
const budget = (numRuns: number, seconds: number): fc.Parameters<unknown> => ({
  numRuns,
  interruptAfterTimeLimit: seconds * 1000,
  markInterruptAsFailure: false,
  ...(seed === undefined ? {} : { seed }),
});

/** fc.assert, and the number of inputs it tried in the test's report. */
async function check<T>(
  t: TestContext,
  property: fc.IAsyncProperty<T> | fc.IProperty<T>,
  parameters: fc.Parameters<unknown>,
): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, parameters as fc.Parameters<T>);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  t.diagnostic(`${details.numRuns} inputs${details.interrupted ? ' (time limit reached)' : ''}`);
}

let dir: string;
let rose: Rose;
/** With a token, on loopback: the default `rose serve`. */
let guarded: RunningServer & { token: string };
/** No token, every interface, one extra name: `--host 0.0.0.0 --allow-remote --no-token --allowed-host rose.lan`. */
let open: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rose-fuzz-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rose fuzz page</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  rose = await createRose({ dataDir: join(dir, 'data'), threads: 1, log: () => {} });
  const token = newAccessToken();
  guarded = Object.assign(await startRoseServer({ rose, host: '127.0.0.1', port: 0, token, rendererDir }), {
    token,
  });
  open = await startRoseServer({
    rose,
    host: '0.0.0.0',
    port: 0,
    token: null,
    rendererDir,
    allowedHostNames: ['rose.lan'],
  });
});

after(async () => {
  await guarded.close();
  await open.close();
  await rose.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Pieces that path parsers, decoders and redirect code trip over. */
const targetPiece = fc.constantFrom(
  '/',
  '//',
  '///',
  '.',
  '..',
  '/./',
  '/../',
  '%',
  '%2',
  '%2e',
  '%2E%2E',
  '%2f',
  '%5c',
  '%00',
  '%ZZ',
  '%E2%82',
  '%C0%AF',
  '[',
  ']',
  '[::1',
  ':',
  '@',
  '?',
  '#',
  '&',
  '=',
  'token=',
  'evil.example',
  'assets',
  'app.js',
  'index.html',
  '\\',
  'a',
  '~',
  '+',
  SOCKET_PATH,
  'http://evil.example',
  'ws:',
  '\u00e9',
  '%F0%9F%8C%B9',
);
const target = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(targetPiece, { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.join('')}`),
  },
  fc.array(targetPiece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }).map((text) => `/${encodeURI(text)}`),
  fc.string({ maxLength: 40, unit: 'binary' }).map((text) => `/${text}`),
  fc.webPath(),
);
/** Header text without control bytes. */
const headerText = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'binary' }) },
  )
  // Control bytes make Node's parser refuse the request before Rose sees it; rawBytes covers those.
  .map((text) =>
    [...text].filter((char) => char.codePointAt(0)! > 0x1f && char.codePointAt(0) !== 0x7f).join(''),
  );

type Probe = {
  server: 'guarded' | 'open';
  host: { value: string; good: boolean };
  origin?: { value: string; good: boolean };
};

/** A Host (and maybe Origin) for the chosen server, labelled with whether that server must accept it. */
function hostFor(server: RunningServer, names: string[]) {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...names).map((name) => ({ value: `${name}:${server.port}`, good: true })),
    },
    fc
      .constantFrom('attacker.example', 'evil.example', '127.0.0.1.evil.example', 'localhost.', '0.0.0.0')
      .map((name) => ({ value: `${name}:${server.port}`, good: false })),
    fc.constantFrom(...names).map((name) => ({ value: name, good: false })), // no port: port 80
    headerText.map((value) => ({ value: `x${value}`, good: false })),
  );
}

function probes(): fc.Arbitrary<Probe> {
  const serverChoice = fc.constantFrom<'guarded' | 'open'>('guarded', 'open');
  return serverChoice.chain((server) => {
    const running = server === 'guarded' ? guarded : open;
    const names =
      server === 'guarded' ? ['127.0.0.1', 'localhost', '[::1]'] : ['127.0.0.1', 'localhost', 'rose.lan'];
    return fc.record(
      {
        server: fc.constant(server),
        host: hostFor(running, names),
        origin: fc.oneof(
          hostFor(running, names).map(({ value, good }) => ({ value: `http://${value}`, good })),
          fc
            .constantFrom('null', 'file://', 'https://127.0.0.1', `http://attacker.example:${running.port}`)
            .map((value) => ({ value, good: false })),
          headerText.map((value) => ({ value, good: false })),
        ),
      },
      { requiredKeys: ['server', 'host'] },
    );
  });
}

/** Cookie headers mixing the real token, planted same-name cookies, bad `%` sequences and noise. */
function cookies(port: number, token: string) {
  const name = fc.constantFrom(cookieName(port), 'rose_token_1', `rose_token_${port}0`, ' ', '');
  const value = fc.oneof(fc.constant(token), fc.constantFrom('%ZZ', '%', '%E2%82', ''), headerText);
  return fc.array(fc.tuple(name, value), { maxLength: 4 }).map((pairs) => ({
    header: pairs.map(([n, v]) => `${n}=${v.replace(/;/g, '')}`).join('; '),
    hasToken: pairs.some(([n, v]) => n === cookieName(port) && v === token),
  }));
}

const acceptedStatuses = new Set([200, 303, 400, 401, 403, 404, 405, 421, 431]);

test('HTTP: random targets, hosts, cookies and methods get a 2xx/3xx/4xx, never a crash or a way in', {
  timeout: 60_000,
}, async (t) => {
  const request = probes().chain((probe) => {
    const running = probe.server === 'guarded' ? guarded : open;
    return fc.record({
      probe: fc.constant(probe),
      target: target,
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE', 'PUT'),
      queryToken: fc.boolean(),
      cookie: cookies(running.port, guarded.token),
    });
  });
  const seen = new Map<number, number>();
  await check(
    t,
    fc.asyncProperty(request, async ({ probe, target, method, queryToken, cookie }) => {
      const running = probe.server === 'guarded' ? guarded : open;
      const withToken = queryToken
        ? `${target}${target.includes('?') ? '&' : '?'}token=${guarded.token}`
        : target;
      const headers: Record<string, string> = { Host: probe.host.value, Cookie: cookie.header };
      if (probe.origin) headers.Origin = probe.origin.value;
      const text = getRequest(running.port, withToken, headers).replace(/^GET/, method);
      const answer = await rawRequest(running.port, Buffer.from(text, 'latin1'));
      count(seen, answer.status);
      assert.ok(acceptedStatuses.has(answer.status), `status ${answer.status} for ${JSON.stringify(text)}`);
      if (answer.status === 200 || answer.status === 303) {
        assert.ok(probe.host.good, `a page for Host ${probe.host.value}`);
        if (probe.server === 'guarded') assert.ok(cookie.hasToken || queryToken, 'a page without the token');
      }
      if (answer.status === 303) {
        const location = /\r\nlocation: *([^\r\n]*)/i.exec(answer.head)?.[1] ?? '';
        const origin = `http://127.0.0.1:${running.port}`;
        assert.equal(new URL(location, origin).origin, origin, `redirect to ${location}`);
      }
    }),
    budget(1500, 10),
  );
  t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(seen))}`);
  await assertServing();
});

test('HTTP: raw bytes on the socket never get a 5xx or stop the server', { timeout: 30_000 }, async (t) => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array)),
    fc.tuple(target, headerText).map(([t, h]) => Buffer.from(`GET ${t} HTTP/1.1\r\n${h}\r\n\r\n`, 'latin1')),
  );
  await check(
    t,
    fc.asyncProperty(bytes, async (payload) => {
      const answer = await rawRequest(guarded.port, payload, { endAfterWrite: true });
      assert.ok(
        answer.status === 0 || (answer.status >= 200 && answer.status < 500),
        `status ${answer.status}`,
      );
    }),
    budget(400, 5),
  );
  await assertServing();
});

test('WebSocket upgrades: random targets, hosts, origins and cookies; 101 only with the token and a known host', {
  timeout: 60_000,
}, async (t) => {
  const upgrade = probes().chain((probe) => {
    const running = probe.server === 'guarded' ? guarded : open;
    return fc.record({
      probe: fc.constant(probe),
      target: fc.oneof(fc.constant(SOCKET_PATH), target),
      queryToken: fc.boolean(),
      cookie: cookies(running.port, guarded.token),
    });
  });
  const seen = new Map<number, number>();
  await check(
    t,
    fc.asyncProperty(upgrade, async ({ probe, target, queryToken, cookie }) => {
      const running = probe.server === 'guarded' ? guarded : open;
      const withToken = queryToken
        ? `${target}${target.includes('?') ? '&' : '?'}token=${guarded.token}`
        : target;
      const headers: Record<string, string> = { Host: probe.host.value, Cookie: cookie.header };
      if (probe.origin) headers.Origin = probe.origin.value;
      const answer = await rawRequest(
        running.port,
        Buffer.from(upgradeRequest(running.port, withToken, headers), 'latin1'),
      );
      count(seen, answer.status);
      if (answer.status === 101) {
        assert.ok(probe.host.good && (probe.origin?.good ?? true), `upgrade for ${JSON.stringify(headers)}`);
        if (probe.server === 'guarded')
          assert.ok(cookie.hasToken || queryToken, 'an upgrade without the token');
      } else {
        assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status} for ${withToken}`);
      }
    }),
    budget(1200, 8),
  );
  t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(seen))}`);
  await assertServing();
});

test('WebSocket messages: random frames each get one answer, ok or a coded error', {
  timeout: 60_000,
}, async (t) => {
  const ws = new WebSocket(`ws://127.0.0.1:${guarded.port}${SOCKET_PATH}?token=${guarded.token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const answers: SocketServerMessage[] = [];
  let wake = () => {};
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as SocketServerMessage;
    if ('result' in message) {
      answers.push(message);
      wake();
    }
  });
  const nextAnswer = () =>
    answers.length > 0
      ? Promise.resolve(answers.shift()!)
      : new Promise<SocketServerMessage>((resolve) => {
          wake = () => resolve(answers.shift()!);
        });

  // Channels that would reach the network or read arbitrary paths are left out; their inputs are
  // fuzzed by the validation property below.
  const callable = channels.filter(
    (channel) => !['app:models.download', 'app:models.import', 'app:compare.run'].includes(channel),
  );
  const field = fc.constantFrom(
    'conversationId',
    'presetId',
    'modelId',
    'messageId',
    'downloadId',
    'text',
    'title',
    'query',
    'limit',
    'offset',
    'format',
    'name',
    'pinned',
    'versionId',
    'alpha',
    'beta',
    'maxTokens',
    'settings',
    'id',
    '__proto__',
  );
  const input = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(
      field,
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.string({ maxLength: 20 })),
      {
        maxKeys: 4,
      },
    ),
  );
  const frame = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ channel: fc.oneof(fc.constantFrom(...callable), fc.string()), input }),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ raw: JSON.stringify(value) ?? 'null' })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ binary: Buffer.from(bytes) })),
    },
  );
  let id = 0;
  await check(
    t,
    fc.asyncProperty(frame, async (message) => {
      if ('binary' in message) ws.send(message.binary, { binary: true });
      else if ('raw' in message) ws.send(message.raw);
      else ws.send(JSON.stringify({ id: ++id, ...message }));
      const answer = await nextAnswer();
      assert.ok('result' in answer);
      if ('channel' in message) assert.equal(answer.id, id);
      if (!answer.result.ok) {
        assert.match(answer.result.error.code, /^[a-z][a-z0-9-]*$/);
        assert.notEqual(answer.result.error.code, 'internal', JSON.stringify({ message, answer }));
      }
    }),
    budget(1500, 8),
  );
  assert.equal(ws.readyState, WebSocket.OPEN, 'the socket carries on');
  ws.close();
});

test('contract validation: any input to any channel is a value or an invalid-request naming a field', {
  timeout: 30_000,
}, (t) => {
  return check(
    t,
    fc.property(
      fc.constantFrom(...channels),
      fc.anything({ maxDepth: 3, withNullPrototype: true }),
      (channel, raw) => {
        const result = validateRequest(channel, raw);
        if (!result.ok) {
          assert.equal(result.error.code, 'invalid-request');
          assert.ok(typeof result.error.field === 'string' && result.error.field.length > 0);
        }
      },
    ),
    budget(3000, 5),
  );
});

test('GGUF header check: random bytes and mutated real headers are accepted or refused with a code', {
  timeout: 60_000,
}, async (t) => {
  const whole = readFileSync(await getTinyModel());
  const path = join(dir, 'fuzz.gguf');
  const codes = new Set(['not-gguf', 'not-gguf-html', 'gguf-version', 'gguf-truncated', 'gguf-damaged']);
  const u64 = fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    fc.constantFrom(2n ** 31n + 7n, 2n ** 32n - 1n, 2n ** 63n),
  );
  const mutation = fc.oneof(
    fc.record({ at: fc.nat(4096), byte: fc.nat(255) }).map((m) => ({ kind: 'byte' as const, ...m })),
    fc.record({ at: fc.nat(4096), value: u64 }).map((m) => ({ kind: 'u64' as const, ...m })),
  );
  const file = fc.oneof(
    fc
      .uint8Array({ maxLength: 256 })
      .map((bytes) => Buffer.concat([Buffer.from('GGUF\x03\0\0\0', 'latin1'), bytes])),
    fc.uint8Array({ maxLength: 128 }).map((bytes) => Buffer.from(bytes)),
    fc
      .record({
        mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
        cut: fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.nat(whole.length) },
        ),
      })
      .map(({ mutations, cut }) => {
        const copy = Buffer.from(whole);
        for (const m of mutations) {
          if (m.kind === 'byte') copy[m.at] = m.byte;
          else copy.writeBigUInt64LE(m.value, m.at);
        }
        return cut === null ? copy : copy.subarray(0, cut);
      }),
  );
  let acceptedMutations = 0;
  await check(
    t,
    fc.asyncProperty(file, async (bytes) => {
      writeFileSync(path, bytes);
      try {
        const summary = await checkGgufHeader(path);
        assert.ok(summary.dataEnd <= bytes.length);
      } catch (error) {
        assert.ok(isUserError(error) && codes.has(error.code), String((error as Error)?.stack ?? error));
        return;
      }
      // What the check lets through must be safe for node-llama-cpp's reader, in this process.
      acceptedMutations++;
      await readGgufFileInfo(path, {
        logWarnings: false,
        sourceType: 'filesystem',
        spliceSplitFiles: false,
      }).catch(() => undefined);
    }),
    budget(600, 6),
  );
  t.diagnostic(`${acceptedMutations} accepted files were then read by node-llama-cpp in this process`);
});

test('preset files: any text parses to a file that round-trips, or a PresetFileError naming fields', {
  timeout: 30_000,
}, (t) => {
  const validVersion = {
    safePrompt: 'Be kind.',
    reversePrompt: 'Be unkind.',
    alpha: 0.5,
    beta: 0,
    method: 'manual',
    createdAt: '2025-01-31T12:00:00.000Z',
  };
  const nearValid = fc
    .record(
      {
        format: fc.oneof(fc.constant('rose.preset'), fc.jsonValue()),
        version: fc.oneof(fc.constant(1), fc.jsonValue()),
        name: fc.oneof(fc.string({ maxLength: 120 }), fc.jsonValue()),
        description: fc.oneof(fc.string({ maxLength: 50 }), fc.jsonValue()),
        versions: fc.oneof(
          fc.array(
            fc.record(
              {
                safePrompt: fc.oneof(fc.constant(validVersion.safePrompt), fc.string(), fc.jsonValue()),
                reversePrompt: fc.oneof(fc.constant(validVersion.reversePrompt), fc.string()),
                alpha: fc.oneof(fc.double(), fc.constant(validVersion.alpha), fc.jsonValue()),
                beta: fc.oneof(fc.double({ min: 0, max: 1 }), fc.jsonValue()),
                method: fc.oneof(fc.constantFrom('manual', 'opposite', 'random'), fc.string()),
                createdAt: fc.oneof(fc.constant(validVersion.createdAt), fc.string()),
                extra: fc.jsonValue(),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value));
  const text = fc.oneof(
    nearValid,
    nearValid.map((json) => `\uFEFF${json}`),
    fc.string({ maxLength: 200, unit: 'binary' }),
    fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
  );
  return check(
    t,
    fc.property(text, (source) => {
      let parsed: ReturnType<typeof parsePresetFile>;
      try {
        parsed = parsePresetFile(source);
      } catch (error) {
        assert.ok(error instanceof PresetFileError, String((error as Error)?.stack ?? error));
        assert.equal(error.code, 'preset-file-invalid');
        assert.ok(error.problems.length > 0 && error.message.length > 0);
        return;
      }
      const serialized = serializePresetFile(parsed);
      assert.equal(serializePresetFile(parsePresetFile(serialized)), serialized);
    }),
    budget(3000, 5),
  );
});

function count(seen: Map<number, number>, status: number) {
  seen.set(status, (seen.get(status) ?? 0) + 1);
}

async function assertServing() {
  const page = await rawRequest(
    guarded.port,
    getRequest(guarded.port, '/', { Cookie: `${cookieName(guarded.port)}=${guarded.token}` }),
  );
  assert.equal(page.status, 200, 'the server still answers');
}
