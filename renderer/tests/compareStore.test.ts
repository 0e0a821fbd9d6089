import { describe, expect, test, vi } from 'vitest';
import type { CompareAnswer, Result, RoseApi } from '../../shared/contract/index.js';
import { DEFAULT_ALPHA } from '../../shared/generationLimits.js';
import { sidesFor } from '../src/components/Compare/Compare.js';
import { i18n } from '../src/i18n/index.js';
import { createCompareModel } from '../src/stores/compareStore.js';

const answer = (stopReason: string): CompareAnswer =>
  ({
    label: 'x',
    alpha: 0.5,
    beta: 0,
    roseEnabled: true,
    text: '',
    generated: 0,
    steered: 0,
    stopReason,
  }) as never;

/** A stand-in for the app whose `compare.run` waits until the test answers it. */
function fakeApi() {
  const runs: Array<(r: Result<{ compareId: string; answers: [CompareAnswer, CompareAnswer] }>) => void> = [];
  const api = {
    compare: {
      run: vi.fn(() => new Promise((resolve) => runs.push(resolve))),
      stop: vi.fn(async () => ({ ok: true, value: { stopped: true } })),
    },
  } as unknown as RoseApi;
  return { api, runs };
}

describe('compare', () => {
  test('the default comparison is off vs on at the α given', () => {
    const [off, on] = sidesFor('rose', DEFAULT_ALPHA, i18n.t);
    expect(off).toMatchObject({ roseEnabled: false });
    expect(on).toMatchObject({ roseEnabled: true, alpha: DEFAULT_ALPHA });
    expect(on.label).toBe('Safety steering on, standard (α 0.5)');
  });

  test('Stop asks the app to stop this comparison; the answers still arrive', async () => {
    const { api, runs } = fakeApi();
    const compare = createCompareModel(api, (callback) => callback());
    const running = compare.run({
      prompt: 'Hi',
      modelId: null,
      presetVersionId: null,
      sides: sidesFor('rose', 0.5, i18n.t),
    });
    const { compareId } = compare.store.get();
    await compare.stop();
    expect(api.compare.stop).toHaveBeenCalledWith({ compareId });
    expect(compare.store.get()).toMatchObject({ running: true, stopping: true });
    runs[0]!({ ok: true, value: { compareId: compareId!, answers: [answer('aborted'), answer('aborted')] } });
    await running;
    expect(compare.store.get()).toMatchObject({ running: false, stopping: false });
    expect(compare.store.get().answers?.map((a) => a.stopReason)).toEqual(['aborted', 'aborted']);
  });

  test('Stop does nothing when no comparison runs', async () => {
    const { api } = fakeApi();
    const compare = createCompareModel(api, (callback) => callback());
    await compare.stop();
    expect(api.compare.stop).not.toHaveBeenCalled();
  });
});
