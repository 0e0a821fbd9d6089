import { afterEach, describe, expect, test } from 'vitest';
import type { CompareAnswer } from '../../shared/contract/index.js';
import { CompareColumn } from '../src/components/Compare/CompareColumn.js';
import { steeredSegments } from '../src/lib/steering.js';
import { buttonNamed, click, type Mounted, mount, settle } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('steered segments', () => {
  test('cut the text at the spans, in order, ignoring what lies outside or overlaps', () => {
    expect(
      steeredSegments('I can not help', [
        { start: 6, end: 10, safeOnly: ' will' },
        { start: 0, end: 1, safeOnly: 'We' },
        { start: 8, end: 9, safeOnly: 'x' },
        { start: 40, end: 44, safeOnly: 'gone' },
      ]),
    ).toEqual([
      { text: 'I', safeOnly: 'We' },
      { text: ' can ', safeOnly: null },
      { text: 'not ', safeOnly: ' will' },
      { text: 'help', safeOnly: null },
    ]);
    expect(steeredSegments('plain', [])).toEqual([{ text: 'plain', safeOnly: null }]);
  });
});

const answer = (steering: CompareAnswer['steering']): CompareAnswer => ({
  label: 'ROSE α 1',
  alpha: 1,
  beta: 0,
  roseEnabled: true,
  text: 'Sorry, no.',
  generated: 3,
  steered: steering.length,
  steering,
  stopReason: 'eog',
  logitsSource: 'api',
  timings: { prefillMs: 1, decodeMs: 2, firstTokenMs: 1, tokensPerSecond: 10 },
});

describe('explaining a compare answer', () => {
  test('Show ROSE changes marks the steered tokens with what the safe run alone wrote', async () => {
    mounted = mount(
      <CompareColumn
        label="Right"
        text="Sorry, no."
        answer={answer([{ start: 0, end: 5, safeOnly: 'Sure' }])}
        running={false}
      />,
    );
    await settle();
    const button = buttonNamed(mounted.container, 'Show ROSE changes')!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(mounted.container.querySelectorAll('mark')).toHaveLength(0);
    click(button);
    await settle();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    const marks = mounted.container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('Sorry (safe run alone: “Sure”)');
    expect(marks[0]!.getAttribute('data-safe')).toBe('“Sure”');
  });

  test('an answer ROSE did not change has nothing to explain', async () => {
    mounted = mount(<CompareColumn label="Left" text="Sorry, no." answer={answer([])} running={false} />);
    await settle();
    expect(buttonNamed(mounted.container, 'Show ROSE changes')).toBeNull();
  });
});
