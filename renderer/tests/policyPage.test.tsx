import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PolicyView, RoseApi } from '../../shared/contract/index.js';
import { AppContext } from '../src/appContext.js';
import { PolicyPage } from '../src/components/Policy/PolicyPage.js';
import type { AppModel } from '../src/stores/appModel.js';
import { createPolicyModel } from '../src/stores/policyStore.js';
import { buttonNamed, click, type Mounted, mount, settle } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const view = (alphaMin: number): PolicyView => ({
  settings: [
    {
      key: 'roseRequired',
      title: 'ROSE required',
      value: true,
      source: 'managed',
      locked: true,
      setBy: 'Managed by Example School',
      origin: '/etc/rose/policies/managed/a.json',
    },
    {
      key: 'alphaMin',
      title: 'Minimum α',
      value: alphaMin,
      source: 'family',
      locked: true,
      setBy: 'Set by a parent',
      origin: 'family lock',
    },
    {
      key: 'exportAllowed',
      title: 'Export',
      value: true,
      source: 'default',
      locked: false,
      setBy: 'Default',
      origin: null,
    },
  ],
  sources: [
    { origin: '/etc/rose/policies/managed/a.json', kind: 'managed', status: 'ok' },
    {
      origin: '/etc/rose/policies/managed/b.json',
      kind: 'managed',
      status: 'kept-last-good',
      problem: 'cannot be read: Unexpected end of JSON input',
    },
  ],
  problems: [],
  childMode: false,
  loadedAt: null,
});

function setup(get = vi.fn(async () => ({ ok: true as const, value: view(0.5) }))) {
  const reload = vi.fn(async () => ({ ok: true as const, value: view(0.8) }));
  const api = { policy: { get, reload } } as unknown as RoseApi;
  const app = { policy: createPolicyModel(api) } as unknown as AppModel;
  mounted = mount(
    <AppContext.Provider value={app}>
      <PolicyPage />
    </AppContext.Provider>,
  );
  return { get, reload, container: mounted.container };
}

describe('Policy page', () => {
  test('every setting shows its value and who set it; a broken source raises a banner', async () => {
    const { container } = setup();
    await settle();
    const rows = [...container.querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows).toEqual([
      'ROSE requiredyes🔒 Managed by Example School',
      'Minimum α0.5🔒 Set by a parent',
      'ExportyesDefault',
    ]);
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/A policy file has a problem/);
    expect(container.textContent).toMatch(
      /b\.json — broken: its last good version still applies: cannot be read/,
    );
  });

  test('while the policy is still loading, the page already has its heading', async () => {
    // A page without a level-one heading fails axe; on a slow machine the loading state is what
    // a screen reader meets first.
    const { container } = setup(vi.fn(() => new Promise<never>(() => {})));
    await settle();
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe('Policy');
  });

  test('Reload policy asks the app to read the files again and shows the new values', async () => {
    const { reload, container } = setup();
    await settle();
    click(buttonNamed(container, 'Reload policy')!);
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(container.querySelector('tbody tr:nth-child(2)')?.textContent).toBe(
      'Minimum α0.8🔒 Set by a parent',
    );
  });
});
