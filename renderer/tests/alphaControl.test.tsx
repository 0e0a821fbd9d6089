import { afterEach, describe, expect, test, vi } from 'vitest';
import { ALPHA_MAX, ALPHA_STRENGTHS, DEFAULT_ALPHA } from '../../shared/generationLimits.js';
import { AppContext } from '../src/appContext.js';
import { AlphaControl } from '../src/components/Composer/AlphaControl.js';
import type { AppModel } from '../src/stores/appModel.js';
import { createStore } from '../src/stores/createStore.js';
import { alphaWarning, parseAlpha } from '../src/lib/alphaInput.js';
import { type Mounted, mount, press, typeInto } from './support/dom.js';
import { act } from 'react';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

/** A policy view holding the given α limits, as `app:policy.get` reports them. */
const policyWith = (values: Record<string, number>) =>
  ({ settings: Object.entries(values).map(([key, value]) => ({ key, value, locked: true })) }) as never;

function setup(alpha = DEFAULT_ALPHA, policy: Record<string, number> = {}) {
  const onChange = vi.fn();
  const app = {
    policy: { store: createStore({ view: policyWith(policy), status: 'ready', error: null }) },
  } as unknown as AppModel;
  mounted = mount(
    <AppContext.Provider value={app}>
      <AlphaControl alpha={alpha} disabled={false} onChange={onChange} />
    </AppContext.Provider>,
  );
  const select = mounted.container.querySelector('select')!;
  const box = mounted.container.querySelector<HTMLInputElement>('input[aria-label="Alpha"]')!;
  return { onChange, select, box, container: mounted.container };
}

describe('α as a named strength', () => {
  test('Gentle, Standard and Strong, with Standard (the shared default) marked', () => {
    const { select } = setup();
    const options = [...select.options].map((o) => o.textContent);
    expect(options).toEqual(
      ALPHA_STRENGTHS.map((s) => (s.alpha === DEFAULT_ALPHA ? `${s.label} (recommended)` : s.label)),
    );
    expect(select.value).toBe('standard');
  });

  test('choosing a strength applies its α', () => {
    const { select, onChange } = setup();
    act(() => {
      select.value = 'strong';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledWith(ALPHA_STRENGTHS.find((s) => s.key === 'strong')!.alpha);
  });

  test('a value that is no named strength shows as Custom', () => {
    const { select } = setup(0.7);
    expect(select.value).toBe('custom');
    expect(select.selectedOptions[0]!.textContent).toBe('Custom (α 0.7)');
  });

  test('above 1 a warning says replies get worse', () => {
    const { container } = setup(2);
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(
      /Above 1, replies often get worse/,
    );
  });
});

describe('the α box refuses out-of-range values with a message', () => {
  test('a value above the limit stays in the box, is not applied, and says why', () => {
    const { box, onChange, container } = setup();
    typeInto(box, String(ALPHA_MAX + 1));
    press(box, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(box.value).toBe(String(ALPHA_MAX + 1));
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/out of range: use 0 to 10/);
  });

  test('a valid value is applied', () => {
    const { box, onChange } = setup();
    typeInto(box, '0,8');
    press(box, 'Enter');
    expect(onChange).toHaveBeenCalledWith(0.8);
  });

  test('a policy minimum disables the strengths below it and narrows what the box takes', () => {
    const { select, box, onChange, container } = setup(DEFAULT_ALPHA, { alphaMin: 0.5 });
    const gentle = [...select.options].find((o) => o.value === 'gentle')!;
    expect(gentle.disabled).toBe(true);
    expect(gentle.textContent).toBe('Gentle (not allowed by the policy)');
    typeInto(box, '0.3');
    press(box, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'α 0.3 is out of range: use 0.5 to 10, as the policy allows',
    );
  });

  test('parseAlpha and alphaWarning', () => {
    expect(parseAlpha(' 0.25 ')).toEqual({ ok: true, value: 0.25 });
    expect(parseAlpha('').ok).toBe(false);
    expect(parseAlpha('lots').ok).toBe(false);
    expect(parseAlpha('-1').ok).toBe(false);
    expect(alphaWarning(1)).toBeNull();
    expect(alphaWarning(1.5)).not.toBeNull();
  });
});
