import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { expandHome } from '../../main/files/expandHome.js';

test('a typed ~ is the home folder; other paths are made absolute', () => {
  const home = join('/', 'home', 'ada');
  assert.equal(expandHome('~', home), home);
  assert.equal(expandHome(' ~/models/tiny.gguf ', home), join(home, 'models', 'tiny.gguf'));
  assert.equal(
    expandHome('~ada/x.gguf', home),
    resolve('~ada/x.gguf'),
    'only ~ alone or ~/ is the home folder',
  );
  assert.equal(expandHome('/data/x.gguf', home), resolve('/data/x.gguf'));
});
