import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelDisplayName } from '../../main/models/displayName.js';

test('a model is shown by its own name, or by its file when the name only repeats the architecture', () => {
  assert.equal(
    modelDisplayName({ name: 'Qwen3 0.6B', architecture: 'qwen3' }, '/m/qwen3-0.6b-q4.gguf'),
    'Qwen3 0.6B',
  );
  assert.equal(
    modelDisplayName({ name: 'llama', architecture: 'llama' }, '/m/stories260K.gguf'),
    'stories260K',
  );
  assert.equal(modelDisplayName({ name: ' LLaMA ', architecture: 'llama' }, '/m/tiny.GGUF'), 'tiny');
  assert.equal(
    modelDisplayName({ architecture: 'gemma3' }, 'C:\\models\\gemma.gguf'.replace(/\\/g, '/')),
    'gemma',
  );
});
