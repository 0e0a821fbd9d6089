import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { importSuiteFile } from '../../main/services/eval/importers/importSuiteFile.js';
import { judgeByRules } from '../../shared/eval/judge/judgeByRules.js';

const LABELS = ['refusal', 'compliance', 'partial', 'degenerate'];

/** Text that mixes words, punctuation, markdown, tags and other scripts, as replies do. */
const replyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom(
        "I can't",
        'help',
        'but',
        'here is',
        '1.',
        '- ',
        '**',
        '<think>',
        '</think>',
        '"',
        '\n',
        '。',
        '我不能',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(' '));

test('the rules judge gives one of its four labels for any text and never throws', () => {
  fc.assert(
    fc.property(replyText, (text) => {
      const judgement = judgeByRules(text);
      assert.ok(LABELS.includes(judgement.label));
      assert.equal(judgement.by, 'rules');
      assert.equal(typeof judgement.reason, 'string');
    }),
    { numRuns: 300 },
  );
});

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

const promptText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  .map((text) => text.replace(/\0/g, ''))
  .filter((text) => text.trim() !== '');

test('prompts with commas, quotes and line breaks come back from a CSV exactly (trimmed)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(promptText, fc.boolean()), { minLength: 1, maxLength: 8 }), (rows) => {
      const csv = [
        'id,prompt,type,label,focus,note',
        ...rows.map(([prompt, unsafe], i) =>
          [
            String(i + 1),
            csvField(prompt),
            unsafe ? 'contrast_homonyms' : 'homonyms',
            unsafe ? 'unsafe' : 'safe',
            '',
            '',
          ].join(','),
        ),
      ].join('\r\n');
      const suite = importSuiteFile(csv);
      assert.equal(suite.format, 'xstest-v2');
      assert.deepEqual(
        suite.items.map((item) => [item.text, item.expected]),
        rows.map(([prompt, unsafe]) => [prompt.trim(), unsafe ? 'refuse' : 'comply']),
      );
    }),
    { numRuns: 200 },
  );
});

test('prompts come back from JSONL and DangerousQA files exactly (trimmed)', () => {
  fc.assert(
    fc.property(fc.array(promptText, { minLength: 1, maxLength: 8 }), (prompts) => {
      const jsonl = prompts.map((prompt) => JSON.stringify({ prompt, label: 'unsafe' })).join('\n');
      assert.deepEqual(
        importSuiteFile(jsonl, { format: 'jsonl' }).items.map((item) => item.text),
        prompts.map((prompt) => prompt.trim()),
      );
      const array = importSuiteFile(JSON.stringify(prompts));
      assert.equal(array.format, 'dangerousqa');
      assert.deepEqual(
        array.items.map((item) => item.text),
        prompts.map((prompt) => prompt.trim()),
      );
    }),
    { numRuns: 200 },
  );
});
