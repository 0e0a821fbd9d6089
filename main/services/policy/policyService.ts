import { type FSWatcher, watch } from 'node:fs';
import { dirname, sep } from 'node:path';
import { policyKeys, settingOf } from '../../../shared/policy/declaration.js';
import {
  type FamilyState,
  familyLayer,
  type MergedPolicy,
  mergePolicy,
  type PolicyLayer,
  type PolicyProblem,
} from '../../../shared/policy/merge.js';
import type { PolicySourceReport } from '../../../shared/contract/policy.js';
import type { AuditSink } from '../audit/auditTypes.js';
import { readManagedPreferences } from './macPreferences.js';
import { type PolicyFileRead, readPolicyDir } from './policyFiles.js';
import { defaultPolicyRoots, type PolicyRoots } from './policyRoots.js';
import { type RegQuery, readRegistryPolicy, windowsRegQuery } from './windowsRegistry.js';

/** The family lock's current state (the family service implements it). */
export type FamilyProvider = () => FamilyState;

export type PolicyServiceOptions = {
  roots?: PolicyRoots;
  /** Owners whose policy files are trusted; default root only (plus this user for `launchManagedDirs`). */
  trustedUids?: readonly number[];
  platform?: NodeJS.Platform;
  regQuery?: RegQuery;
  family?: FamilyProvider;
  audit?: AuditSink;
  /** How often the sources are re-read even without a change notice (ms); 0 = never. */
  rereadMs?: number;
};

export type PolicySnapshot = MergedPolicy & {
  sources: PolicySourceReport[];
  loadedAt: string | null;
  /** Child mode is on (or the family record was altered, which counts as child mode). */
  childMode: boolean;
};

const noAudit: AuditSink = { record() {} };
const noFamily: FamilyProvider = () => ({ childMode: false, tampered: false, values: {} });

/**
 * The effective policy: managed and recommended sources read from disk (and the registry or
 * managed preferences), merged tighten-only with the family lock's values. A broken managed file
 * keeps its last good values, or — never having been good — counts as every setting at its most
 * restrictive: policy never fails open.
 */
export class PolicyService {
  private readonly roots: PolicyRoots;
  private readonly trustedUids: readonly number[];
  private readonly launchDirUids: readonly number[];
  private readonly platform: NodeJS.Platform;
  private readonly regQuery: RegQuery;
  private readonly family: FamilyProvider;
  private readonly audit: AuditSink;
  private readonly lastGood = new Map<string, Record<string, unknown>>();
  private layers: PolicyLayer[] = [];
  private sources: PolicySourceReport[] = [];
  private readProblems: PolicyProblem[] = [];
  private loadedAt: string | null = null;
  private lastValues: string | null = null;
  private lastRejected = new Set<string>();
  /** The managed/recommended values last logged, to log `policy.changed` only on a real change. */
  private lastManaged: string | null = null;
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<PolicySnapshot> | null = null;
  private readonly listeners = new Set<(snapshot: PolicySnapshot) => void>();

  constructor(private readonly options: PolicyServiceOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.roots = options.roots ?? defaultPolicyRoots(this.platform);
    this.trustedUids = options.trustedUids ?? [0];
    const me = typeof process.getuid === 'function' ? process.getuid() : 0;
    this.launchDirUids = [...new Set([...this.trustedUids, me])];
    this.regQuery = options.regQuery ?? windowsRegQuery;
    this.family = options.family ?? noFamily;
    this.audit = options.audit ?? noAudit;
  }

  /** Read every source again now. Concurrent calls share one read. */
  reload(): Promise<PolicySnapshot> {
    this.pending ??= this.readAll().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The effective policy now (the family state is asked each time: child mode may just have changed). */
  current(): PolicySnapshot {
    let state: FamilyState;
    try {
      state = this.family();
    } catch {
      // A family lock that cannot say its state is treated like an altered record: child mode.
      state = { childMode: true, tampered: true, values: {} };
    }
    const merged = mergePolicy([...this.layers, familyLayer(state)]);
    return {
      ...merged,
      problems: [...this.readProblems, ...merged.problems],
      sources: this.sources,
      loadedAt: this.loadedAt,
      childMode: state.childMode || state.tampered,
    };
  }

  /** Called after each reload that changed the effective values. */
  onChange(listener: (snapshot: PolicySnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watch the policy folders and re-read periodically, until `stop()`. */
  start(): void {
    const dirs = [
      ...this.roots.managedDirs,
      ...(this.roots.launchManagedDirs ?? []),
      ...this.roots.recommendedDirs,
      ...this.roots.managedPlists.map((p) => dirname(p)),
    ];
    for (const dir of new Set(dirs)) {
      try {
        const watcher = watch(dir, { persistent: false }, () => void this.reload());
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // A folder that does not exist yet is picked up by the periodic re-read.
      }
    }
    const every = this.options.rereadMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.reload(), every);
      this.timer.unref();
    }
  }

  stop(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async readAll(): Promise<PolicySnapshot> {
    const reads: { kind: 'managed' | 'recommended'; read: PolicyFileRead }[] = [];
    for (const dir of this.roots.managedDirs)
      for (const read of await this.safeReadDir(dir, this.trustedUids)) reads.push({ kind: 'managed', read });
    for (const dir of this.roots.launchManagedDirs ?? [])
      for (const read of await this.safeReadDir(dir, this.launchDirUids))
        reads.push({ kind: 'managed', read });
    for (const path of this.roots.managedPlists) {
      const read = await readManagedPreferences(path);
      if (read) reads.push({ kind: 'managed', read });
    }
    for (const key of this.roots.registryKeys) {
      const read = await readRegistryPolicy(key, this.regQuery);
      if (read) reads.push({ kind: 'managed', read });
    }
    for (const dir of this.roots.recommendedDirs)
      for (const read of await this.safeReadDir(dir, this.trustedUids))
        reads.push({ kind: 'recommended', read });

    const layers: PolicyLayer[] = [];
    const sources: PolicySourceReport[] = [];
    const problems: PolicyProblem[] = [];
    const seen = new Set<string>();
    for (const { kind, read } of reads) {
      seen.add(read.path);
      if (read.status === 'ok') {
        this.lastGood.set(read.path, read.values);
        layers.push({ kind, origin: read.path, values: read.values });
        sources.push({ origin: read.path, kind, status: 'ok' });
        continue;
      }
      problems.push({ origin: read.path, problem: read.problem });
      if (read.status === 'untrusted' || kind === 'recommended') {
        sources.push({ origin: read.path, kind, status: read.status, problem: read.problem });
        continue;
      }
      // A broken file keeps its own last good values; a folder that cannot be read keeps those
      // of every file last read in it.
      const kept = [...this.lastGood].filter(
        ([path]) => path === read.path || path.startsWith(`${read.path}${sep}`),
      );
      if (kept.length > 0) {
        for (const [path, values] of kept) {
          seen.add(path);
          layers.push({ kind, origin: path, values });
        }
        sources.push({ origin: read.path, kind, status: 'kept-last-good', problem: read.problem });
      } else {
        layers.push({ kind, origin: read.path, values: mostRestrictiveValues() });
        sources.push({ origin: read.path, kind, status: 'failed-closed', problem: read.problem });
      }
    }
    for (const path of [...this.lastGood.keys()]) if (!seen.has(path)) this.lastGood.delete(path);

    this.layers = layers;
    this.sources = sources;
    this.readProblems = problems;
    const first = this.loadedAt === null;
    this.loadedAt = new Date().toISOString();
    this.recordAudit(first, problems);
    const snapshot = this.current();
    const values = JSON.stringify(snapshot.values);
    if (!first && values !== this.lastValues) for (const listener of this.listeners) listener(snapshot);
    this.lastValues = values;
    return snapshot;
  }

  private recordAudit(first: boolean, readProblems: PolicyProblem[]): void {
    const merged = mergePolicy(this.layers);
    // Values that were not valid (counted as their tightest) are rejected too, not only files.
    const problems = [...readProblems, ...merged.problems];
    const rejected = new Set(problems.map((p) => `${p.origin}: ${p.problem}`));
    for (const problem of problems)
      if (!this.lastRejected.has(`${problem.origin}: ${problem.problem}`))
        this.audit.record({
          type: 'policy.rejected',
          actor: 'system',
          detail: { origin: problem.origin, key: problem.key ?? null, problem: problem.problem },
        });
    this.lastRejected = rejected;
    const values = JSON.stringify(merged.values);
    if (first)
      this.audit.record({
        type: 'policy.loaded',
        actor: 'admin',
        detail: { sources: this.sources.map((s) => s.origin) },
      });
    else if (this.lastManaged !== values)
      this.audit.record({
        type: 'policy.changed',
        actor: 'admin',
        detail: { sources: this.sources.map((s) => s.origin) },
      });
    this.lastManaged = values;
  }

  private async safeReadDir(dir: string, trustedUids: readonly number[]): Promise<PolicyFileRead[]> {
    try {
      return await readPolicyDir(dir, { trustedUids, platform: this.platform });
    } catch (error) {
      return [
        { path: dir, status: 'malformed', problem: `the folder cannot be read: ${(error as Error).message}` },
      ];
    }
  }
}

/** A broken managed source that never was good: every restriction at its tightest. */
function mostRestrictiveValues(): Record<string, unknown> {
  return Object.fromEntries(
    policyKeys
      .filter((key) => settingOf(key).kind !== 'text')
      .map((key) => [key, settingOf(key).mostRestrictive]),
  );
}
