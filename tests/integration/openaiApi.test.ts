// The OpenAI-compatible API on a real server on 127.0.0.1, driven by the official `openai` client,
// with a generated model and real node-llama-cpp.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, type TestContext, test } from 'node:test';
import OpenAI from 'openai';
import { createRose, type Rose } from '../../main/app/createRose.js';
import type { RunningServer } from '../../main/server/roseServer.js';
import { ApiKeys } from '../../main/services/apiKeys.js';
import type { AuditEntryInput } from '../../main/services/audit/auditTypes.js';
import { ModelLibrary } from '../../main/services/models.js';
import { CLIENT_TIMEOUT_MS, serveApi } from '../support/apiServer.js';
import { policyFixture, policyDirForTest } from '../support/policyFixture.js';
import { ROSE_BIN } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

/** Whatever the client threw, as the status and error body it carried. */
async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    return error;
  }
  assert.fail('the request was expected to fail');
}

describe('the /v1 API with the official client', { timeout: 200_000 }, () => {
  let rose: Rose;
  let server: RunningServer;
  let client: OpenAI;
  let modelId: string;
  let dataDir: string;
  const audit: AuditEntryInput[] = [];
  const cleanups: Array<() => void> = [];

  before(async () => {
    const fakeContext = { after: (fn: () => void) => cleanups.push(fn) } as unknown as TestContext;
    dataDir = tempDir(fakeContext);
    const model = await getTinyModel();
    rose = await createRose({
      dataDir,
      threads: 1,
      modelPath: model,
      log: () => {},
      api: true,
      audit: { record: (entry) => audit.push(entry) },
    });
    ({ server, client } = await serveApi(null, rose, dataDir, tempDir(fakeContext)));
    modelId = (await new ModelLibrary({ dataDir }).list())[0]!.id;
  });
  after(async () => {
    await server?.close();
    await rose?.dispose();
    for (const cleanup of cleanups) cleanup();
  });

  test('models are listed by the ids completions take', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    assert.deepEqual(
      models.map((m) => [m.id, m.object, m.owned_by]),
      [[modelId, 'model', 'rose']],
    );
  });

  test('a chat completion has the OpenAI shape, usage that adds up and what ROSE did', async () => {
    const completion = await client.chat.completions.create({
      model: modelId,
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      max_tokens: 8,
      seed: 5,
    });
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, modelId);
    assert.equal(completion.choices.length, 1);
    const [choice] = completion.choices;
    assert.equal(choice!.message.role, 'assistant');
    assert.equal(typeof choice!.message.content, 'string');
    assert.ok(['stop', 'length'].includes(choice!.finish_reason));
    const usage = completion.usage!;
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.ok(usage.prompt_tokens > 0);
    const roseInfo = (
      completion as unknown as { rose: { generated: number; steered: number; enabled: boolean } }
    ).rose;
    assert.equal(roseInfo.generated, usage.completion_tokens);
    assert.equal(roseInfo.enabled, true);
    assert.ok(roseInfo.steered <= roseInfo.generated);
    assert.ok(
      audit.some(
        (entry) => entry.type === 'generation' && entry.transport === 'api' && entry.detail.client !== null,
      ),
      'the answer is counted in the audit log with the key id',
    );
  });

  test('streamed deltas concatenate to the non-streamed text, and usage comes last', async () => {
    const request = {
      model: modelId,
      messages: [{ role: 'user' as const, content: 'Tell me about the sea.' }],
      max_tokens: 16,
      temperature: 0.8,
      seed: 11,
    };
    const whole = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null = null;
    let roles = 0;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        if (choice.delta.role) roles += 1;
        text += choice.delta.content ?? '';
        finish = choice.finish_reason ?? finish;
      }
    }
    assert.equal(text, whole.choices[0]!.message.content);
    assert.equal(finish, whole.choices[0]!.finish_reason);
    assert.equal(roles, 1, 'the role comes once, first');
    assert.deepEqual(usage, whole.usage);
  });

  test('plain completions answer a prompt, streamed or not', async () => {
    const request = { model: modelId, prompt: 'Once upon a time', max_tokens: 8, seed: 3 };
    const completion = await client.completions.create(request);
    assert.equal(completion.object, 'text_completion');
    assert.equal(typeof completion.choices[0]!.text, 'string');
    let text = '';
    for await (const chunk of await client.completions.create({ ...request, stream: true }))
      text += chunk.choices[0]?.text ?? '';
    assert.equal(text, completion.choices[0]!.text);
  });

  test('errors: no key, wrong key, bad parameters and an unknown model, in OpenAI error bodies', async () => {
    const anonymous = await fetch(`${server.apiUrl}/models`);
    assert.equal(anonymous.status, 401);
    const body = (await anonymous.json()) as { error: { type: string; code: string } };
    assert.equal(body.error.type, 'authentication_error');

    const stranger = new OpenAI({ apiKey: 'rose-not-a-key', baseURL: server.apiUrl!, maxRetries: 0 });
    assert.equal((await apiError(stranger.models.list())).status, 401);

    const chat = (extra: Record<string, unknown>) =>
      client.chat.completions.create({
        model: modelId,
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 2,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    for (const [extra, param] of [
      [{ temperature: 'hot' }, 'temperature'],
      [{ top_p: 7 }, 'top_p'],
      [{ n: 2 }, 'n'],
      [{ max_tokens: 10 ** 9 }, 'max_tokens'],
      [{ messages: [] }, 'messages'],
    ] as const) {
      const error = await apiError(chat(extra));
      assert.equal(error.status, 400, `${JSON.stringify(extra)}: ${error.message}`);
      assert.equal(error.param, param, JSON.stringify(extra));
      assert.equal(error.type, 'invalid_request_error');
    }
    const unknown = await apiError(chat({ model: 'no-such-model' }));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.param, 'model');

    const notJson = await fetch(`${server.apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${client.apiKey}` },
      body: '{"model":',
    });
    assert.equal(notJson.status, 400);
    const page = await fetch(`${server.apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${client.apiKey}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    assert.equal(page.status, 403, 'a web page cannot call the API unless its origin is listed');
  });

  test('an aborted stream frees the engine for the next request', async () => {
    const abort = new AbortController();
    const stream = await client.chat.completions.create(
      {
        model: modelId,
        messages: [{ role: 'user', content: 'Write a long story.' }],
        max_tokens: 4000,
        stream: true,
      },
      { signal: abort.signal },
    );
    let chunks = 0;
    for await (const _ of stream) {
      chunks += 1;
      if (chunks === 3) {
        abort.abort();
        break;
      }
    }
    assert.equal(chunks, 3, 'the story was still running when the client went away');
    const next = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 2,
    });
    assert.equal(next.choices.length, 1);
    const answers = audit.filter((entry) => entry.type === 'generation');
    const story = answers.at(-2)!.detail as { completionTokens: number };
    assert.ok(story.completionTokens < 4000, `the story stopped early (${story.completionTokens} tokens)`);
  });

  test('20 concurrent clients each get an answer or a clean 429, and the server answers afterwards', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.chat.completions
          .create({ model: modelId, messages: [{ role: 'user', content: `Count to ${i}.` }], max_tokens: 3 })
          .then(
            () => 'answered',
            (error: unknown) => {
              assert.ok(error instanceof OpenAI.RateLimitError, String(error));
              assert.ok(Number(error.headers?.get('retry-after')) > 0, 'a 429 says when to retry');
              return 'busy';
            },
          ),
      ),
    );
    assert.ok(outcomes.includes('answered'));
    const after = await client.chat.completions.create({
      model: modelId,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 2,
    });
    assert.equal(after.choices.length, 1);
  });
});

test('with a managed policy, ROSE off, a low α and a disallowed model are 403 over the API', {
  timeout: 180_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  policyDirForTest(t, fixture.policyDir);
  const audit: AuditEntryInput[] = [];
  const rose = await createRose({
    dataDir: fixture.dataDir,
    threads: 1,
    modelPath: fixture.allowedModel,
    log: () => {},
    api: true,
    audit: { record: (entry) => audit.push(entry) },
  });
  t.after(() => rose.dispose());
  const library = new ModelLibrary({ dataDir: fixture.dataDir });
  const allowed = (await library.list())[0]!.id;
  // Registered behind the app's back (an import through the app is refused): same file name, other weights.
  const impostor = (await library.import(fixture.impostorModel, { copy: false })).id;
  const { client } = await serveApi(t, rose, fixture.dataDir, tempDir(t));

  const ask = (model: string, roseOptions: Record<string, unknown>) =>
    client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 2,
      rose: roseOptions,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);

  const fine = await ask(allowed, { alpha: 0.5 });
  assert.equal(fine.choices.length, 1, 'an allowed request is answered');
  for (const [model, options, rule] of [
    [allowed, { enabled: false }, /ROSE/],
    [allowed, { alpha: 0.1 }, /α|alpha/i],
    [impostor, {}, /Allowed models/],
  ] as const) {
    const denied = await apiError(ask(model, options));
    assert.equal(denied.status, 403, denied.message);
    assert.equal(denied.code, 'policy-denied');
    assert.match(denied.message, rule);
    assert.match(denied.message, /Test School/, 'the refusal says who set the rule');
  }
  assert.equal(audit.filter((entry) => entry.type === 'policy.denied').length, 3, 'each refusal is logged');
});

test('rose serve --api prints the API address and a key that works; a policy without the API refuses to start', {
  timeout: 120_000,
}, async (t) => {
  const dataDir = tempDir(t);
  const model = await getTinyModel();
  const child = spawn(
    process.execPath,
    [ROSE_BIN, 'serve', '--api', '--port', '0', '--model', model, '--data-dir', dataDir, '--threads', '1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (/API key: \S+\n/.test(stdout)) resolve();
    });
    child.on('close', () => reject(new Error(`rose serve ended early: ${stderr}`)));
  });
  const baseURL = /^API: (http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(stdout)?.[1];
  const apiKey = /^API key: (rose-\S+)$/m.exec(stdout)?.[1];
  assert.ok(baseURL && apiKey, stdout);
  const client = new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: CLIENT_TIMEOUT_MS });
  const models = await client.models.list();
  assert.equal(models.data.length, 1);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.equal(
    new ApiKeys(dataDir).verify(apiKey)?.name,
    'rose serve',
    'only the hash is kept, and it verifies',
  );

  const fixture = await policyFixture(t);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${fixture.policyDir}/school.json`, JSON.stringify({ ...fixture.policy, apiAllowed: false }));
  const refused = spawn(
    process.execPath,
    [ROSE_BIN, 'serve', '--api', '--port', '0', '--data-dir', fixture.dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROSE_POLICY_DIR: fixture.policyDir } },
  );
  let refusal = '';
  refused.stderr.on('data', (chunk) => {
    refusal += chunk;
  });
  const code = await new Promise<number | null>((resolve) => refused.on('close', resolve));
  assert.notEqual(code, 0);
  assert.match(refusal, /local API/);
  assert.match(refusal, /Test School/);
});
