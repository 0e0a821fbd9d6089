import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, type TestContext } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { ROSE_BIN, runRose } from '../../support/runCli.js';
import { getTinyModel } from '../../support/testModels.js';

/**
 * Fixtures for the UI tests: a real `rose serve` on a fresh data folder, and headless Chromium
 * (the Debian package, never a downloaded browser). Readiness is the server's own "Rose is running
 * at" line and the page's own elements; nothing sleeps.
 */

export const CHROMIUM = process.env.ROSE_CHROMIUM ?? '/usr/bin/chromium';
const RENDERER_INDEX = fileURLToPath(new URL('../../../renderer/index.html', import.meta.url));
/** The shipped interface texts, one folder per language (tests type English, these give the rest). */
export const LOCALES = fileURLToPath(new URL('../../../../renderer/src/i18n/locales/', import.meta.url));

/** One area's texts in one language, e.g. `localeTexts('es', 'policy').rules.roseRequired`. */
// biome-ignore lint/suspicious/noExplicitAny: the shape is the JSON file's, read by key in tests.
export function localeTexts(language: string, area: string): any {
  return JSON.parse(readFileSync(join(LOCALES, language, `${area}.json`), 'utf8'));
}
/**
 * Where screenshots go: `npm run screenshots` points this at docs/screenshots/; an ordinary test
 * run writes them to a temporary folder, so tests never rewrite tracked files.
 */
export const SCREENSHOTS = `${process.env.ROSE_SCREENSHOTS_DIR ?? join(tmpdir(), `rose-screenshots-${process.pid}`)}/`;

/**
 * Why the UI tests cannot run here, or null when they can. On CI nothing is skipped: a missing
 * browser or build must fail the run, not pass it quietly.
 */
export function missingPrerequisite(): string | null {
  if (process.env.CI) return null;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!existsSync(RENDERER_INDEX)) return 'the renderer is not built (npm run build:renderer)';
  return null;
}

export type Served = { url: string; origin: string; token: string; stop(): Promise<void> };

/**
 * Start `rose serve` on a free port, or on `options.port` to restart one in place (with no model:
 * a first run); resolves once it prints its address.
 */
export async function startServe(
  t: TestContext,
  dataDir: string,
  model: string | null,
  options: { port?: number; args?: string[] } = {},
): Promise<Served> {
  if (!existsSync(RENDERER_INDEX)) throw new Error('the renderer is not built: run npm run build:renderer');
  const child = spawn(
    process.execPath,
    [
      ROSE_BIN,
      'serve',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      dataDir,
      ...(model ? ['--model', model] : []),
      '--threads',
      '1',
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Rose is running at (\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`rose serve exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  const served: Served = {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: () => stopChild(child),
  };
  t.after(() => served.stop());
  return served;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type OpenedPage = { context: BrowserContext; page: Page; consoleErrors: string[] };

/**
 * A fresh browser profile and page, recording every console error and uncaught exception. The
 * browser's language is English unless a test asks for another (Rose follows it by default), and
 * the page counts as open once the composer's box, named `messageBox`, is there.
 */
export async function openPage(
  t: TestContext,
  browser: Browser,
  url: string,
  { locale = 'en-US', messageBox = 'Message' }: { locale?: string; messageBox?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  t.after(() => context.close());
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(url);
  await page.getByRole('textbox', { name: messageBox }).waitFor();
  return { context, page, consoleErrors };
}

/** Send a message from the composer and wait until the reply is finished (its figures appear). */
export async function sendAndWait(page: Page, text: string): Promise<void> {
  const replies = page.getByRole('article', { name: 'Rose' });
  const before = await replies.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await replies
    .nth(before)
    .getByText(/tokens\/s/)
    .waitFor();
}

/** What `rose generate` answers for the same model, default preset, α and prompt. */
export async function generateReference(
  model: string,
  prompt: string,
  extra: string[] = [],
): Promise<string> {
  const result = await runRose([
    'generate',
    '--model',
    model,
    '--threads',
    '1',
    '--max-tokens',
    '512',
    '--json',
    ...extra,
    prompt,
  ]);
  if (result.code !== 0) throw new Error(`rose generate failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { text: string }).text;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);
}

/** What every UI test file shares: one Chromium and the tiny model, ready before its tests. */
export type ChromiumSuite = { skip: string | false; browser: Browser; model: string };

/**
 * Registers the file's before/after hooks: launch Chromium and write (or reuse) the tiny model
 * unless the tests are skipped, close the browser at the end. Read `browser` and `model` inside
 * tests, once the hooks have run.
 */
export function chromiumSuite(): ChromiumSuite {
  const suite = { skip: missingPrerequisite() ?? false } as ChromiumSuite;
  before(async () => {
    if (suite.skip) return;
    suite.model = await getTinyModel();
    suite.browser = await launchChromium();
  });
  after(() => suite.browser?.close());
  return suite;
}

/**
 * Poll a check made from Node (locator reads go through the browser's debugging protocol, which
 * the page's CSP does not restrict) until it holds; fails after `timeoutMs`.
 */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
