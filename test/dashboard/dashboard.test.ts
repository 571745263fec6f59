import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DriverManager } from '@conveyor-ts/core';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { startPipelineDrivers } from '../control-plane/support/pipeline-drivers';
import { Browser } from './support/browser';

jest.setTimeout(120_000);

const DOCS_IMAGES = join(__dirname, '..', '..', 'docs', 'images');

/** The dashboard at `/ui` in a real Chromium, watching a two-step pipeline run through the control plane. */
describe('the run dashboard', () => {
  let fx: Fixture;
  let manager: DriverManager;
  let browser: Browser;
  let finishCheckout: () => void = () => undefined;
  const checkoutMayFinish = new Promise<void>((resolve) => (finishCheckout = resolve));

  beforeAll(async () => {
    [fx, browser] = await Promise.all([startFixture(), Browser.open()]);
    manager = await startPipelineDrivers(fx, 'ci', [
      {
        name: 'checkout',
        reconcile: async ({ logger, resource }) => {
          logger.info(`cloning repository of ${resource.name}`);
          logger.progress(0.5, 'fetching objects');
          await checkoutMayFinish;
          logger.info('checked out 42 files');
          return { success: true, message: 'checked out main@3f2a9c1', data: { commit: '3f2a9c1' } };
        },
      },
      {
        name: 'unit-tests',
        reconcile: async ({ logger }) => {
          logger.info('running 120 tests');
          logger.error('FAIL login.spec.ts: expected 200, got 500');
          return { success: false, message: '3 of 120 tests failed: login, signup, reset' };
        },
      },
    ]);
  });

  afterAll(async () => {
    finishCheckout();
    await browser?.close();
    await manager?.stop();
    await fx?.stop();
  });

  it('shows a run live: statuses, a log line as it is logged, progress, then the failure message', async () => {
    const { page } = browser;
    const { runid } = await fx.client.createResource({
      name: 'api',
      resource: 'service',
      pipeline: 'ci',
      spec: {},
    });
    // A link by run id: what someone would paste to a colleague.
    await page.goto(`${fx.plane.apiUrl}/ui#/runs/${runid}`);
    const checkout = page.locator('li.step[data-driver="checkout"]');
    await checkout.locator('.status[data-status="running"]').waitFor();
    await checkout.locator('pre.logs', { hasText: 'cloning repository of api' }).waitFor();
    await checkout.locator('.progress[data-fraction="0.5"]', { hasText: '50% fetching objects' }).waitFor();
    expect(await page.locator('li.step[data-driver="unit-tests"]').getAttribute('data-status')).toBe(
      'pending',
    );
    await page.screenshot({ path: join(DOCS_IMAGES, 'dashboard-running.png') });

    finishCheckout();
    // A line logged after the page opened arrives over the SSE stream.
    await checkout.locator('pre.logs', { hasText: 'checked out 42 files' }).waitFor();
    const tests = page.locator('li.step.failed[data-driver="unit-tests"]');
    await tests.waitFor();
    expect(await tests.locator('.result').textContent()).toBe('3 of 120 tests failed: login, signup, reset');
    await tests.locator('pre.logs', { hasText: 'FAIL login.spec.ts' }).waitFor();
    expect(await checkout.getAttribute('data-status')).toBe('succeeded');
    expect(await checkout.locator('.result').textContent()).toBe('checked out main@3f2a9c1');
    await page.locator('.run-head .status[data-status="failed"]').waitFor();
    expect(await page.locator('#runid').textContent()).toBe(runid);
    await page.screenshot({ path: join(DOCS_IMAGES, 'dashboard-run.png') });

    await page.goto(`${fx.plane.apiUrl}/ui#/`);
    const row = page.locator(`tr.run[data-runid="${runid}"]`);
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual([
      runid.slice(0, 8),
      'ci',
      'service/api',
      'failed',
    ]);
    await page.screenshot({ path: join(DOCS_IMAGES, 'dashboard-runs.png') });
    await row.click();
    await page.waitForURL(`**/ui#/runs/${runid}`);
  });

  it('says clearly when a server has no /runs, and still follows a run id', async () => {
    // The page's files on a server with only the Conveyor server's routes (no run records).
    const server: Server = createServer((req, res) => {
      const file = {
        '/ui': 'dashboard.html',
        '/ui/dashboard.js': 'dashboard.js',
        '/ui/dashboard.css': 'dashboard.css',
      }[req.url ?? ''];
      if (!file) return void res.writeHead(404).end('Cannot GET');
      void readFile(join(__dirname, '..', '..', 'packages', 'control-plane', 'ui', file)).then((body) =>
        res.end(body),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { page } = browser;
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ui`);
      await page.locator('#no-runs', { hasText: 'does not list runs (/runs: HTTP 404)' }).waitFor();
      await page.fill('#runid-input', 'abc');
      await page.click('#no-runs button');
      await page.locator('#no-run-record', { hasText: 'No run record for abc' }).waitFor();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
