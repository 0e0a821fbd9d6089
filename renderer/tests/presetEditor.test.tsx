import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_ALPHA } from '../../shared/generationLimits.js';
import { AppContext } from '../src/appContext.js';
import { PresetEditor } from '../src/components/Presets/PresetEditor.js';
import type { AppModel } from '../src/stores/appModel.js';
import { buttonNamed, click, type Mounted, mount, settle, typeInto } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function setup(deriveReverse: (...args: unknown[]) => Promise<unknown>) {
  const create = vi.fn(async (input: object) => ({ id: 1, name: 'x', latest: { number: 1 }, ...input }));
  const app = {
    presets: { deriveReverse: vi.fn(deriveReverse), create },
    toasts: { show: vi.fn() },
  } as unknown as AppModel;
  mounted = mount(
    <AppContext.Provider value={app}>
      <PresetEditor preset={null} onDone={() => {}} />
    </AppContext.Provider>,
  );
  const boxes = [...mounted.container.querySelectorAll('textarea')];
  const [safe, reverse] = boxes as [HTMLTextAreaElement, HTMLTextAreaElement];
  return { container: mounted.container, safe, reverse, create };
}

describe('preset editor', () => {
  test('a new preset starts at the Standard α', () => {
    const { container } = setup(async () => ({}));
    const alpha = container.querySelector<HTMLInputElement>('input[type="number"]')!;
    expect(Number(alpha.value)).toBe(DEFAULT_ALPHA);
  });

  test('deriving over a hand-written reverse prompt can be undone', async () => {
    const { container, safe, reverse } = setup(async () => ({
      reversePrompt: 'Be cruel.',
      method: 'opposite',
    }));
    typeInto(safe, 'Be kind.');
    typeInto(reverse, 'My own careful wording.');
    click(buttonNamed(container, 'Derive reverse prompt')!);
    await settle();
    expect(reverse.value).toBe('Be cruel.');
    click(buttonNamed(container, 'Undo derive')!);
    expect(reverse.value).toBe('My own careful wording.');
    expect(container.textContent).toContain('Made by: manual');
    expect(buttonNamed(container, 'Undo derive')).toBeNull();
  });

  test('a derive the app refuses says why and leaves the reverse prompt alone', async () => {
    const { container, safe, reverse } = setup(async () => {
      throw new Error('No word of this safe prompt has a known opposite');
    });
    typeInto(safe, 'Sé amable.');
    typeInto(reverse, 'Mine.');
    click(buttonNamed(container, 'Derive reverse prompt')!);
    await settle();
    expect(reverse.value).toBe('Mine.');
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/has a known opposite/);
  });
});
