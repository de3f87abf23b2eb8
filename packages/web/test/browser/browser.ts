/**
 * Helpers for browser tests of the web app (playwright-core + system Chromium + axe-core).
 *
 *   const browser = await launch();
 *   const page = await newPage(browser);
 *   await login(page, 'admin');
 *   await assertAccessible(page, 'home');
 *   await screenshot(page, 'home');
 *
 * The server under test is MOTCUA_BASE_URL (e.g. http://127.0.0.1:3000).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

export const BASE_URL = process.env.MOTCUA_BASE_URL?.replace(/\/$/, '');
export const DEMO_PASSWORD = 'motcua-demo';
export const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS_DIR = fileURLToPath(new URL('../../../../test-results/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function url(path: string): string {
  if (!BASE_URL) throw new Error('MOTCUA_BASE_URL is not set');
  return `${BASE_URL}${path}`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface TrackedPage extends Page {
  /** Uncaught page errors and CSP violations seen so far. */
  problems: string[];
}

/** A page in a fresh context (own cookies/localStorage), Vietnamese locale, Hanoi time. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TrackedPage> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 860 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = (await context.newPage()) as TrackedPage;
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(m.text())) page.problems.push(`CSP: ${m.text()}`);
  });
  return page;
}

/** Fills and sends the login form of the page it is on (/dang-nhap). */
export async function fillLoginForm(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Signs in through the login form and waits for the app layout. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url('/dang-nhap'));
  await fillLoginForm(page, username, password);
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  await page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/dang-nhap'));
}

/** Waits for running CSS animations/transitions (drawer/modal/popup motion) to finish. */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0); // no hover state left from the last click
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

let axeSource: string | undefined;
async function loadAxe(): Promise<string> {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page. Injected with page.evaluate (DevTools evaluation is
 * not subject to the app's CSP, unlike a <script> tag). Returns all violations.
 */
export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  const source = await loadAxe();
  await settle(page);
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(`${source}\n;void 0`);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300), failureSummary: n.failureSummary })),
    }));
  });
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
}

/** Fails on serious or critical axe violations; returns the minor/moderate ones (for logging). */
export async function assertAccessible(page: Page, label: string): Promise<AxeViolation[]> {
  const all = await axeCheck(page);
  const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length)
    throw new Error(`axe: ${bad.length} serious/critical violation(s) on ${label}:\n${formatViolations(bad)}`);
  return all;
}

/** Full-page screenshot to test-results/<name>.png (repo root). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A checkpoint of a step: axe-core (serious/critical fail), then a full-page screenshot test-results/<name>.png. */
export async function checkpoint(page: Page, label: string, name: string): Promise<void> {
  await settle(page);
  await assertAccessible(page, label);
  await screenshot(page, name);
}

/** Waits until document.title contains `text` (pages set it after lazy loading). */
export async function waitForTitle(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.title.includes(t), text);
}

/** Picks an option in an antd Select identified by its label (options render in a popup). */
export async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Types a dd/MM/yyyy[ HH:mm] value into an antd DatePicker (scoped to `within`) and lets its popup close. */
export async function fillPicker(
  page: Page,
  label: string,
  value: string,
  within: Locator = page.locator('body'),
): Promise<void> {
  const input = within.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  const popup = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  try {
    await popup.waitFor({ state: 'hidden', timeout: 3_000 });
  } catch {
    await input.press('Tab');
    await popup.waitFor({ state: 'hidden' });
  }
}

/**
 * Types into a searchable antd Select of `within` (e.g. UnitSelect) and picks the first option containing
 * `option`; a single select's list is then waited out so that it covers nothing the test clicks next.
 */
export async function searchSelect(
  page: Page,
  within: Locator,
  label: string,
  text: string,
  option: string | RegExp,
  { multiple = false } = {},
): Promise<void> {
  const input = within.getByLabel(label, { exact: true });
  await input.click();
  await input.pressSequentially(text, { delay: 30 });
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const item = dropdown.locator('.ant-select-item-option', { hasText: option }).first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  if (!multiple) await dropdown.waitFor({ state: 'hidden' });
}
