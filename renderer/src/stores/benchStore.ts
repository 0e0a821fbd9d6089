import type { EvalRunRequestInput, RoseApi, RoseEvent } from '../../../shared/contract/index.js';
import type { EvalReport } from '../../../shared/eval/report.js';
import type {
  EvalAnswer,
  EvalEstimate,
  EvalGuardProgress,
  EvalProgress,
  EvalRun,
  EvalSuiteInfo,
} from '../../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../../shared/eval/types.js';
import { messageOf, unwrap } from '../api/call.js';
import { downloadText } from '../lib/download.js';
import { createStore } from './createStore.js';

export type BenchState = {
  suites: EvalSuiteInfo[];
  runs: EvalRun[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  estimate: EvalEstimate | null;
  estimating: boolean;
  /** The latest progress of each run heard of since the page loaded. */
  progress: Record<number, EvalProgress>;
  /** The report open on the page. */
  report: { report: EvalReport; answers: EvalAnswer[] } | null;
  /** The last suite imported from the page. */
  imported: EvalSuiteInfo | null;
  /** The latest news of a guard model judging a run's answers (one at a time). */
  guard: EvalGuardProgress | null;
};

const exportTypes = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
  html: 'text/html',
};

/** The Safety bench page: suites, runs and their progress, the open report. */
export function createBenchModel(api: RoseApi) {
  const store = createStore<BenchState>({
    suites: [],
    runs: [],
    status: 'loading',
    error: null,
    estimate: null,
    estimating: false,
    progress: {},
    report: null,
    imported: null,
    guard: null,
  });

  async function attempt(work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      store.set((s) => ({ ...s, error: messageOf(error), estimating: false }));
    }
  }

  async function load() {
    try {
      const [suites, runs] = await Promise.all([unwrap(api.eval.suites()), unwrap(api.eval.runs())]);
      store.set((s) => ({ ...s, suites, runs, status: 'ready', error: null }));
    } catch (error) {
      store.set((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'error', error: messageOf(error) }));
    }
  }

  async function openReport(runId: number) {
    await attempt(async () => {
      const report = await unwrap(api.eval.report({ runId }));
      store.set((s) => ({ ...s, report, error: null }));
    });
  }

  return {
    store,
    load,
    estimate: (request: EvalRunRequestInput) =>
      attempt(async () => {
        store.set((s) => ({ ...s, estimating: true, estimate: null, error: null }));
        const estimate = await unwrap(api.eval.estimate(request));
        store.set((s) => ({ ...s, estimate, estimating: false }));
      }),
    start: (request: EvalRunRequestInput) =>
      attempt(async () => {
        const run = await unwrap(api.eval.start(request));
        store.set((s) => ({
          ...s,
          error: null,
          runs: [run, ...s.runs.filter((r) => r.id !== run.id)],
          progress: {
            ...s.progress,
            [run.id]: s.progress[run.id] ?? {
              runId: run.id,
              status: run.status,
              done: run.done,
              total: run.total,
              etaSeconds: null,
            },
          },
        }));
      }),
    importSuite: (text: string, name: string) =>
      attempt(async () => {
        const imported = await unwrap(api.eval.import({ text, name }));
        store.set((s) => ({ ...s, imported, error: null }));
        await load();
      }),
    cancel: (runId: number) => attempt(async () => void (await unwrap(api.eval.cancel({ runId })))),
    resume: (runId: number) => attempt(async () => void (await unwrap(api.eval.resume({ runId })))),
    openReport,
    closeReport: () => store.set((s) => ({ ...s, report: null })),
    relabel: (answerId: number, label: OutcomeLabel | null) =>
      attempt(async () => {
        await unwrap(api.eval.relabel({ answerId, label }));
        const open = store.get().report;
        if (open) await openReport(open.report.run.id);
      }),
    /** Put a stopped run's answers to a registered guard model as a second judge. */
    judgeWithGuard: (runId: number, modelId: string) =>
      attempt(async () => {
        store.set((s) => ({
          ...s,
          error: null,
          guard: { runId, status: 'running', done: 0, total: 0, error: null },
        }));
        try {
          await unwrap(api.eval.guard({ runId, modelId }));
        } catch (error) {
          store.set((s) => ({ ...s, guard: null }));
          throw error;
        }
      }),
    exportRun: (runId: number, format: 'json' | 'jsonl' | 'csv' | 'html') =>
      attempt(async () => {
        const file = await unwrap(api.eval.export({ runId, format }));
        downloadText(file.fileName, file.text, exportTypes[format]);
      }),
    onEvent(event: RoseEvent) {
      if (event.type === 'eval.guard') {
        const { type: _type, ...guard } = event;
        store.set((s) => ({ ...s, guard }));
        if (event.status !== 'running' && store.get().report?.report.run.id === event.runId)
          void openReport(event.runId);
        return;
      }
      if (event.type !== 'eval.progress') return;
      const { type: _type, ...progress } = event;
      store.set((s) => ({
        ...s,
        progress: { ...s.progress, [event.runId]: progress },
        runs: s.runs.map((run) =>
          run.id === event.runId
            ? { ...run, status: event.status, done: event.done, total: event.total }
            : run,
        ),
      }));
      if (event.status !== 'running') {
        void load();
        if (store.get().report?.report.run.id === event.runId) void openReport(event.runId);
      }
    },
  };
}

export type BenchModel = ReturnType<typeof createBenchModel>;
