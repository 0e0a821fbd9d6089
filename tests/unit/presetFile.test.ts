import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PRESET_FILE_MAX_BYTES,
  PresetFileError,
  parsePresetFile,
  serializePresetFile,
} from '../../shared/presetFile.js';

const valid = {
  format: 'rose.preset',
  version: 1,
  name: 'Careful tutor',
  description: 'For homework help',
  versions: [
    {
      safePrompt: 'Be a careful tutor.',
      reversePrompt: 'Be a careless tutor.',
      alpha: 0.5,
      beta: 0,
      method: 'opposite',
      createdAt: '2025-03-01T10:00:00.000Z',
    },
  ],
};

function problemsOf(text: string) {
  try {
    parsePresetFile(text);
  } catch (error) {
    assert.ok(error instanceof PresetFileError, `expected a PresetFileError, got ${error}`);
    return { message: error.message, problems: error.problems };
  }
  assert.fail('the file was accepted');
}

test('a valid file parses and serializes with fixed key order, 2-space indent and a final newline', () => {
  // Keys given in a scrambled order must come out in the canonical order.
  const scrambled = JSON.stringify({
    versions: valid.versions,
    name: valid.name,
    version: 1,
    description: valid.description,
    format: 'rose.preset',
  });
  const text = serializePresetFile(parsePresetFile(scrambled));
  assert.equal(text, `${JSON.stringify(valid, null, 2)}\n`);
  assert.equal(serializePresetFile(parsePresetFile(text)), text);
});

test('each bad field is named with its problem', () => {
  const bad = structuredClone(valid) as Record<string, unknown> & { versions: Record<string, unknown>[] };
  bad.name = '';
  bad.versions[0]!.alpha = 'high';
  bad.versions[0]!.method = 'magic';
  delete bad.versions[0]!.reversePrompt;
  bad.versions[0]!.colour = 'red';
  const { problems, message } = problemsOf(JSON.stringify(bad));
  const byField = new Map(problems.map((p) => [p.field, p.problem]));
  assert.equal(byField.get('name'), 'the name must not be empty');
  assert.equal(byField.get('versions[0].alpha'), 'alpha must be a number');
  assert.match(byField.get('versions[0].method')!, /manual.*opposite.*random/);
  assert.equal(byField.get('versions[0].reversePrompt'), 'is missing');
  assert.equal(byField.get('versions[0]'), "unknown field 'colour'");
  assert.match(message, /versions\[0\]\.alpha: alpha must be a number/);
});

test('out-of-range weights are refused with the limit', () => {
  const bad = structuredClone(valid);
  bad.versions[0]!.beta = 1.5;
  const { problems } = problemsOf(JSON.stringify(bad));
  assert.deepEqual(problems, [{ field: 'versions[0].beta', problem: 'beta must be at most 1' }]);
});

test('malformed JSON is refused with the parser message', () => {
  const { message } = problemsOf('{"format": "rose.preset", ');
  assert.match(message, /not valid JSON/);
});

test('another format and a newer version are refused before the fields are looked at', () => {
  assert.deepEqual(
    problemsOf(JSON.stringify({ ...valid, format: 'other.thing' })).problems.map((p) => p.field),
    ['format'],
  );
  const newer = problemsOf(JSON.stringify({ ...valid, version: 2, name: 42 }));
  assert.equal(newer.problems.length, 1);
  assert.equal(newer.problems[0]!.field, 'version');
  assert.match(newer.problems[0]!.problem, /is 2.*reads version 1.*update Rose/);
});

test('a file over the size limit is refused without being parsed', () => {
  const huge = JSON.stringify({ ...valid, description: 'x'.repeat(PRESET_FILE_MAX_BYTES) });
  const { message } = problemsOf(huge);
  assert.match(message, /too large.*limit is 262144/);
});

test('a preset file needs at least one version', () => {
  const { problems } = problemsOf(JSON.stringify({ ...valid, versions: [] }));
  assert.deepEqual(problems, [{ field: 'versions', problem: 'a preset needs at least one version' }]);
});

test('a file saved with a UTF-8 byte order mark is read like one without', () => {
  const text = serializePresetFile(parsePresetFile(JSON.stringify(valid)));
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  assert.deepEqual(parsePresetFile(bytes.toString('utf8')), parsePresetFile(text));
  // Only a leading mark is forgiven; one elsewhere is still not JSON.
  assert.match(problemsOf(`${text.slice(0, 1)}\uFEFF${text.slice(1)}`).message, /not valid JSON/);
});
