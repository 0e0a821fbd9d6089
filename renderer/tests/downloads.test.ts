import { describe, expect, test } from 'vitest';
import type { DownloadEvent, FitEstimate, LocalModel } from '../../shared/models.js';
import { i18n } from '../src/i18n/index.js';
import { fitLabel, hardwareLines } from '../src/lib/fitText.js';
import { formatBytes, formatEta, formatSpeed } from '../src/lib/sizes.js';
import {
  applyDownloadEvent,
  type DownloadsState,
  downloadRequested,
  fractionOf,
  isRunning,
} from '../src/stores/downloadsReducer.js';

const id = 'd1';
const run = (events: DownloadEvent[], start: DownloadsState = {}) => events.reduce(applyDownloadEvent, start);
const started: DownloadEvent = {
  type: 'started',
  downloadId: id,
  uri: 'http://x/m.gguf',
  fileName: 'm.gguf',
  totalBytes: 1000,
  resumedFromBytes: 0,
  connections: 1,
};
const progress = (downloadedBytes: number): DownloadEvent => ({
  type: 'progress',
  downloadId: id,
  downloadedBytes,
  totalBytes: 1000,
  bytesPerSecond: 500,
  etaSeconds: (1000 - downloadedBytes) / 500,
});

describe('download events', () => {
  test('a download goes from started through progress to completed, keeping its name', () => {
    const requested = downloadRequested({}, id, 'http://x/m.gguf', 'Tiny Q4');
    const mid = run([started, progress(250)], requested);
    expect(mid[id]).toMatchObject({ label: 'Tiny Q4', status: 'downloading', downloadedBytes: 250 });
    expect(fractionOf(mid[id]!)).toBe(0.25);
    const model = { id: 'm1' } as LocalModel;
    const done = run(
      [
        { type: 'verifying', downloadId: id },
        { type: 'completed', downloadId: id, model },
      ],
      mid,
    );
    expect(done[id]).toMatchObject({ status: 'completed', model });
    expect(isRunning(done[id]!)).toBe(false);
    expect(fractionOf(done[id]!)).toBe(1);
  });

  test('events that overtake the request are kept; progress never goes backwards', () => {
    const early = run([started, progress(600), progress(400)]);
    expect(early[id]!.downloadedBytes).toBe(600);
    expect(early[id]!.label).toBe('m.gguf');
    const named = downloadRequested(early, id, 'http://x/m.gguf', 'Tiny Q4');
    expect(named[id]).toMatchObject({ label: 'Tiny Q4', downloadedBytes: 600 });
  });

  test('pause stays paused through late progress; resume, failure and a late event after it', () => {
    const paused = run([started, progress(100), { type: 'paused', downloadId: id }, progress(120)]);
    expect(paused[id]!.status).toBe('paused');
    const failed = run(
      [
        { type: 'resumed', downloadId: id },
        { type: 'failed', downloadId: id, code: 'x', message: 'HTTP 404' },
        progress(900),
      ],
      paused,
    );
    expect(failed[id]).toMatchObject({ status: 'failed', message: 'HTTP 404', downloadedBytes: 120 });
  });

  test('the size is unknown until the server says it', () => {
    const requested = downloadRequested({}, id, 'u', 'x');
    expect(fractionOf(requested[id]!)).toBeNull();
  });
});

describe('figures for people', () => {
  test('bytes, speed and time left', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4_920_000_000)).toBe('4.9 GB');
    expect(formatSpeed(2_500_000)).toBe('2.5 MB/s');
    expect(formatEta(null, i18n.t)).toBe('time left unknown');
    expect(formatEta(42, i18n.t)).toBe('42 s left');
    expect(formatEta(600, i18n.t)).toBe('about 10 min left');
    expect(formatEta(3 * 3600 + 5 * 60, i18n.t)).toBe('about 3 h 5 min left');
  });

  test('fit verdicts and the hardware summary', () => {
    const fit = { verdict: 'partial', gpuLayers: 12, totalLayers: 28 } as FitEstimate;
    expect(fitLabel(fit)).toBe('Partly on the GPU (12 of 28 layers)');
    expect(fitLabel({ ...fit, verdict: 'none' })).toBe('Does not fit');
    const cpuOnly = hardwareLines(
      {
        gpu: { kind: 'none', deviceNames: [], vramTotalBytes: 0, vramFreeBytes: 0, backendsAvailable: [] },
        cpu: { model: 'Test CPU', cores: 8 },
        ram: { totalBytes: 16e9, freeBytes: 8e9 },
      },
      i18n.t,
    );
    expect(cpuOnly.map((l) => l.term)).toEqual(['GPU', 'CPU', 'RAM']);
    expect(cpuOnly[1]!.value).toBe('Test CPU (8 cores)');
    const cuda = hardwareLines(
      {
        gpu: {
          kind: 'cuda',
          deviceNames: ['RTX 4060'],
          vramTotalBytes: 8e9,
          vramFreeBytes: 7e9,
          backendsAvailable: ['cuda'],
        },
        cpu: { model: 'c', cores: 4 },
        ram: { totalBytes: 1, freeBytes: 1 },
      },
      i18n.t,
    );
    expect(cuda[0]!.value).toBe('CUDA: RTX 4060');
    expect(cuda[1]).toEqual({ term: 'VRAM', value: '7.0 GB free of 8.0 GB' });
  });
});
