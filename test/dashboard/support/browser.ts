import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Provisioned by `scripts/provision-chromium.sh` (part of `npm test`). */
const CHROMIUM = join(
  process.env.CONVEYOR_TOOLS_DIR ?? join(__dirname, '..', '..', '..', '.tools'),
  'bin',
  'chromium',
);

/** Debian's headless Chromium with a new empty profile, driven by playwright-core (no browser download). */
export class Browser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
    readonly page: Page,
  ) {}

  static async open(): Promise<Browser> {
    if (!existsSync(CHROMIUM))
      throw new Error(`no chromium at ${CHROMIUM}: run \`bash scripts/provision-chromium.sh\` first`);
    // Chromium's singleton socket lives under TMPDIR and a socket path holds at most 107 bytes: the
    // hygiene guard's per-test-file TMPDIR is too deep, so the profile and Chromium's TMPDIR sit in the
    // run's outer temp folder, removed by close().
    const outer = process.env.CONVEYOR_TEST_OUTER_TMPDIR ?? tmpdir();
    const profile = mkdtempSync(join(outer, 'cvy-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      env: { ...process.env, TMPDIR: profile },
      headless: true,
      viewport: { width: 1100, height: 760 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return new Browser(context, profile, context.pages()[0] ?? (await context.newPage()));
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
