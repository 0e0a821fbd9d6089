import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AppInfo } from '../../shared/contract/index.js';
import { About } from '../src/components/Settings/About.js';
import { buttonNamed, click, type Mounted, mount } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const info = (shell: 'electron' | 'serve'): AppInfo => ({
  appVersion: '0.1.0',
  nodeVersion: '20.20.0',
  electronVersion: shell === 'electron' ? '45.5.0' : null,
  llamaVersion: '3.21.1',
  shell,
  logitsSource: null,
  logitsSourceReason: null,
  gpu: null,
  dataDir: '/home/me/.config/Rose',
  logDir: '/home/me/.config/Rose/logs',
});

describe('About: the log folder', () => {
  test('the desktop app shows the path and a button that opens the folder', () => {
    const onOpen = vi.fn();
    mounted = mount(<About info={info('electron')} onOpenLogFolder={onOpen} />);
    expect(mounted.container.textContent).toContain('/home/me/.config/Rose/logs');
    click(buttonNamed(mounted.container, 'Open log folder')!);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  test('serve mode shows the path only (the folder is on the server)', () => {
    mounted = mount(<About info={info('serve')} onOpenLogFolder={vi.fn()} />);
    expect(mounted.container.textContent).toContain('/home/me/.config/Rose/logs');
    expect(mounted.container.querySelector('button')).toBeNull();
  });
});
