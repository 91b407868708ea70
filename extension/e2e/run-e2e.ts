// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the visible text we assert on.
// Real-editor test: the built .vsix in code-server (VS Code in the browser, from npm) against a real local
// worker (`npm run dev` → wrangler dev), driven by playwright-core and Debian's chromium.
//
//   npm run test:e2e -w extension      (builds the .vsix first; needs `npm install` in extension/e2e once)
//
// It seeds an org, keys, two state sources and two operator reports from examples/ at the repository root
// (hand-edits, missing-extra-manifest), opens test/fixtures/workspace, sets the API key through the
// "DriftWise: Set API Key" command, and asserts the status bar, the CodeLens, the hover and the Problems
// entries, then applies the three quick fixes and checks what they wrote. It saves a screenshot to
// docs/images/vscode-drift.png.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const extensionDir = join(here, '..');
const repoRoot = join(extensionDir, '..');
// The worked examples at the repository root.
const examples = process.env.DRIFTWISE_EXAMPLES ?? join(repoRoot, 'examples');
const vsix = join(extensionDir, 'dist', 'driftwise.vsix');
const codeServerBin = join(here, 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotPath = join(repoRoot, 'docs', 'images', 'vscode-drift.png');
const cluster = 'example-cluster';

/** The DOM calls made inside the page (not in this Node program's types). */
interface DomWindow {
  getComputedStyle(element: unknown, pseudo: string): { content: string };
}
interface ClipboardWindow {
  navigator: { clipboard: { readText(): Promise<string> } };
}

const started = Date.now();
const log = (message: string) =>
  console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const children: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'driftwise-e2e-'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a command in its own process group (so stopping it reaches wrangler/workerd under npm). */
function start(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; name: string },
) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  children.push(child);
  return { child, output: () => output };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

async function call(base: string, method: string, path: string, auth: Record<string, string>, body?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Creates an org, a write key (to seed) and a read key (for the editor), then states and reports. */
async function seed(base: string, adminToken: string) {
  const admin = { Authorization: `Bearer ${adminToken}` };
  const org = await call(base, 'POST', '/api/v2/admin/orgs', admin, JSON.stringify({ name: 'e2e' }));
  const orgId = String(org.id);
  const key = async (scopes: string[]) =>
    String(
      (
        await call(
          base,
          'POST',
          `/api/v2/orgs/${orgId}/api-keys`,
          admin,
          JSON.stringify({ name: scopes[0], scopes }),
        )
      ).raw_key,
    );
  const writeKey = await key(['write']);
  const readKey = await key(['read']);
  const writer = { 'X-API-Key': writeKey };
  for (const [source, example] of [
    ['fleet', 'hand-edits'],
    ['docs', 'missing-extra-manifest'],
  ] as const) {
    const state = readFileSync(join(examples, example, 'state.tfstate'), 'utf8');
    await call(
      base,
      'PUT',
      `/api/v2/orgs/${orgId}/state-sources/${source}/state?cluster_id=${cluster}`,
      writer,
      state,
    );
    const report = readFileSync(join(examples, example, 'report.json'), 'utf8');
    await call(base, 'POST', '/api/v2/operator/report', writer, report);
  }
  return { orgId, readKey };
}

function writeWorkspace(apiUrl: string, orgId: string): string {
  const workspace = join(scratch, 'workspace');
  cpSync(join(extensionDir, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const settings = {
    'driftwise.apiUrl': apiUrl,
    'driftwise.orgId': orgId,
    'driftwise.clusterIds': [cluster],
    'driftwise.namespaces': [],
    'driftwise.refreshIntervalSeconds': 0,
  };
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return workspace;
}

async function openExplorerFile(page: Page, folders: string[], file: string): Promise<void> {
  for (const folder of folders) {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${folder}"]`).first();
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  // Clicking the Explorer row is reliable; Ctrl+P races with the Welcome tab (docs/development.md).
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${file}"]`).first().click();
  await page.locator(`.tabs-container .tab[aria-label^="${file}"]`).first().waitFor({ timeout: 30_000 });
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

async function main(): Promise<void> {
  assert(existsSync(vsix), `${vsix} is missing: run \`npm run package -w extension\``);
  assert(
    existsSync(codeServerBin),
    'code-server is missing: run `npm install` in extension/e2e (see README)',
  );
  assert(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium`);

  // 1. The worker, exactly as `npm run dev` starts it, on a free port with a fresh database.
  const workerPort = await freePort();
  const adminToken = `admin-${crypto.randomUUID()}`;
  const worker = start(
    'npm',
    [
      'run',
      'dev',
      '--',
      '--port',
      String(workerPort),
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--persist-to',
      join(scratch, 'worker'),
    ],
    { cwd: repoRoot, name: 'worker' },
  );
  const apiUrl = `http://127.0.0.1:${workerPort}`;
  await waitFor('the worker', async () => (await fetch(`${apiUrl}/healthz`)).ok, 90_000).catch(
    (err: Error) => {
      throw new Error(`${err.message}\n${worker.output()}`);
    },
  );
  log(`worker up on ${apiUrl}`);
  const { orgId, readKey } = await seed(apiUrl, adminToken);
  log(`seeded org ${orgId}`);

  // 2. code-server with the .vsix installed into a fresh profile.
  const workspace = writeWorkspace(apiUrl, orgId);
  const userData = join(scratch, 'user-data');
  const extensions = join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'security.workspace.trust.enabled': false,
      'editor.hover.delay': 200,
      // Keep the frame for the screenshot: no chat side bar.
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'window.zoomLevel': 0,
    }),
  );
  const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
  const install = spawnSync(codeServerBin, [...profile, '--install-extension', vsix], { encoding: 'utf8' });
  assert(install.status === 0, `installing the .vsix failed: ${install.stdout}${install.stderr}`);
  log(`installed ${vsix}`);
  const editorPort = await freePort();
  const editor = start(
    codeServerBin,
    [
      '--bind-addr',
      `127.0.0.1:${editorPort}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      ...profile,
      workspace,
    ],
    { cwd: scratch, name: 'code-server' },
  );
  const editorUrl = `http://127.0.0.1:${editorPort}`;
  await waitFor('code-server', async () => (await fetch(`${editorUrl}/healthz`)).ok, 60_000).catch(
    (err: Error) => {
      throw new Error(`${err.message}\n${editor.output()}`);
    },
  );
  log(`code-server up on ${editorUrl}`);

  // 3. The browser.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${editorUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const status = page.locator('.statusbar-item', { hasText: 'DriftWise' }).first();
    await status.waitFor({ timeout: 60_000 });
    log(`status bar before the key: ${await status.innerText()}`);

    // 4. The key goes through the real command into SecretStorage. A revoked or mistyped key first:
    // the 401 shows in the status bar, never as a notification.
    const setKey = async (key: string) => {
      await runCommand(page, 'DriftWise: Set API Key');
      const keyInput = page.locator('.quick-input-widget input[type="password"]');
      await keyInput.waitFor({ timeout: 15_000 });
      await keyInput.fill(key);
      await page.keyboard.press('Enter');
    };
    await setKey('dw2_not-a-real-key');
    await waitFor(
      'the 401 in the status bar',
      async () => (await status.innerText()).includes('401'),
      30_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; status bar: ${await status.innerText()}`);
    });
    const toasts = await page.locator('.notifications-toasts .notification-toast').count();
    assert(toasts === 0, `a failed refresh raised ${toasts} notification(s)`);
    log(`wrong key: ${await status.innerText()} (no notification)`);
    await setKey(readKey);
    log('API key set');

    // 5. Status bar: 3 changed in fleet + missing, extra and changed in docs.
    await waitFor(
      'the status bar drift count',
      async () => (await status.innerText()).includes('6 drifted'),
      60_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; status bar: ${await status.innerText()}`);
    });
    const statusText = await status.innerText();
    assert(
      /DriftWise: 6 drifted · (just now|\d+ min ago)/.test(statusText),
      `status bar text: ${statusText}`,
    );
    log(`status bar: ${statusText}`);

    // 6. CodeLens above the tracker block.
    await openExplorerFile(page, ['fleet'], 'main.tf');
    const lens = page.locator('.codelens-decoration', { hasText: 'drifted · 2 changes · medium' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lensText = await lens.innerText();
    assert(
      lensText.includes('DriftWise: drifted · 2 changes · medium · example-cluster/fleet'),
      `lens: ${lensText}`,
    );
    log(`CodeLens: ${lensText}`);

    // 7. Hover on the replicas line.
    const replicasLine = page.locator('.view-line', { hasText: 'replicas = 2' }).first();
    await replicasLine.waitFor({ timeout: 15_000 });
    const box = await replicasLine.locator('span span').first().boundingBox();
    assert(box, 'the replicas line has no box');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'spec.replicas' }).first();
    await waitFor(
      'the hover',
      async () => {
        await page.mouse.move(box.x + 4, box.y + box.height / 2);
        await page.mouse.move(box.x + 10, box.y + box.height / 2);
        return hover.isVisible();
      },
      30_000,
    );
    const hoverText = await hover.innerText();
    for (const expected of ['spec.replicas', 'low', 'Scan']) {
      assert(hoverText.includes(expected), `hover lacks ${expected}: ${hoverText}`);
    }
    assert(/\b2\b[\s\S]*\b4\b/.test(hoverText), `hover lacks Terraform 2 and live 4: ${hoverText}`);
    log('hover shows the change');

    // 7b. The after-line text is CSS `::after` content on a span of the line.
    const afterTexts = await replicasLine.evaluate((line) =>
      [...line.querySelectorAll('span')].map(
        // Runs in the page: the DOM's getComputedStyle (not in this Node program's types).
        (span) => (globalThis as unknown as DomWindow).getComputedStyle(span, '::after').content,
      ),
    );
    assert(
      afterTexts.some((text) => text.includes('← live: 4')),
      `no "← live: 4" after the replicas line: ${afterTexts}`,
    );
    log('after-line text shows the live value');

    // 8. Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: 15_000 });
    const expectedProblems = [
      'spec.replicas is 4 in the cluster, Terraform says 2',
      'spec.template.spec.containers[tracker].image is "images.example.org/fleet/tracker:2.9.0-rc.1" in the cluster',
      'data.MAX_STOPS_PER_ROUTE is "40" in the cluster, Terraform says "24"',
      'spec.template.spec.containers[dispatcher].env[TRACE_SAMPLING] was added in the cluster',
      'kubernetes_deployment_v1.site["ja"] is missing in the cluster',
      'spec.schedule is "*/20 * * * *" in the cluster, Terraform says "15 3 * * *"',
    ];
    await waitFor(
      'the Problems entries',
      async () => {
        const text = await problems.innerText();
        return expectedProblems.every((entry) => text.includes(entry));
      },
      30_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; Problems panel:\n${await problems.innerText()}`);
    });
    const problemsText = await problems.innerText();
    assert(problemsText.includes('DriftWise'), 'Problems entries name their source DriftWise');
    log(`Problems: ${expectedProblems.length} entries found`);

    // 9. The screenshot for the README: lens, after-line text, hover and Problems in one frame.
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await hover.waitFor({ timeout: 10_000 }).catch(() => undefined);
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    log(`screenshot saved to ${screenshotPath}`);

    // 10. Unsaved edits: two new lines above the block move its Problems entry from line 12 to 14.
    await page.keyboard.press('Escape');
    await page.locator('.view-line', { hasText: 'The fleet namespace' }).first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const movedReplicas = problems.locator('.monaco-list-row', { hasText: 'spec.replicas is 4' }).first();
    await waitFor(
      'the replicas problem to follow the edit',
      async () => (await movedReplicas.innerText()).includes('Ln 14'),
      15_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; row: ${await movedReplicas.innerText()}`);
    });
    log('positions follow unsaved edits');

    // 11. The DriftWise tree: missing / changed / extra per cluster and namespace.
    await page.locator('.activitybar .action-item a[aria-label^="DriftWise"]').first().click();
    const tree = page.locator('.part.sidebar .pane-body', { hasText: 'example-cluster' }).first();
    await tree.waitFor({ timeout: 15_000 });
    const treeText = await tree.innerText();
    for (const expected of ['example-cluster', 'docs', 'fleet', 'missing (1)', 'extra (1)', 'changed (3)']) {
      assert(treeText.includes(expected), `tree lacks ${expected}:\n${treeText}`);
    }
    log('tree view lists the drift');

    // 12. "Show Drift for This File" lists the file's changes.
    await page.locator('.tabs-container .tab[aria-label^="main.tf"]').first().click();
    await runCommand(page, 'DriftWise: Show Drift for This File');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'spec.replicas' }).first();
    await pick.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    log('Show Drift for This File lists spec.replicas');

    // 13. Quick fixes on the replicas line: all three are offered; "Adopt the live value" rewrites the
    // attribute to the live 4 through a WorkspaceEdit, and the saved file is the original plus exactly that.
    // Go to line:column through quick open (the Problems panel leaves only part of the file rendered),
    // then ask for the quick fixes at the cursor.
    const quickFixMenu = async (lineText: string) => {
      const index = readFileSync(fleetMain, 'utf8')
        .split('\n')
        .findIndex((line) => line.includes(lineText));
      const column = readFileSync(fleetMain, 'utf8').split('\n')[index]!.indexOf(lineText) + 2;
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill(`:${index + 1}:${column}`);
      await page.keyboard.press('Enter');
      const menu = page.locator('.action-widget').first();
      // Ask again until the menu shows: a save just before re-publishes the diagnostics, and VS Code
      // drops a code-action request whose diagnostics changed under it.
      await waitFor(
        `the quick fixes on "${lineText}"`,
        async () => {
          if (await menu.isVisible()) return true;
          await page.keyboard.press('Control+.');
          await menu.waitFor({ timeout: 2_000 });
          return true;
        },
        20_000,
      );
      return menu;
    };
    const fleetMain = join(workspace, 'fleet', 'main.tf');
    // The fixture's text, not the disk's: the editor may have auto-saved step 10's edit by now.
    const originalMain = readFileSync(
      join(extensionDir, 'test', 'fixtures', 'workspace', 'fleet', 'main.tf'),
      'utf8',
    );
    // Step 10's two new lines are unsaved, so the disk's line numbers are two short for the first fix.
    await page.keyboard.press('Control+S');
    const menu = await quickFixMenu('replicas = 2');
    const menuText = await menu.innerText();
    for (const expected of [
      'Adopt the live value: spec.replicas = 4',
      'Ignore this drift (k8s/deployment/fleet/tracker:spec.replicas)',
      "Copy the revert command (terraform apply -target='kubernetes_deployment_v1.tracker')",
    ]) {
      assert(menuText.includes(expected), `quick fixes lack "${expected}":\n${menuText}`);
    }
    await menu.locator('.monaco-list-row', { hasText: 'Adopt the live value' }).first().click();
    await page.locator('.view-line', { hasText: 'replicas = 4' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+S');
    // Step 10 typed two newlines above the first line; the quick fix changed only the replicas value.
    const adopted = `\n\n${originalMain.replace('replicas = 2', 'replicas = 4')}`;
    await waitFor(
      'the saved quick fix',
      async () => readFileSync(fleetMain, 'utf8') === adopted,
      15_000,
    ).catch((err: Error) => {
      const saved = readFileSync(fleetMain, 'utf8');
      const at = [...saved].findIndex((char, i) => char !== adopted[i]);
      throw new Error(
        `${err.message}; fleet/main.tf differs at ${at}: ${JSON.stringify(saved.slice(Math.max(0, at - 20), at + 40))} vs ${JSON.stringify(adopted.slice(Math.max(0, at - 20), at + 40))}`,
      );
    });
    log('Adopt the live value wrote replicas = 4 to fleet/main.tf');

    // 14. "Ignore this drift" on the image line appends the rule to .driftignore; the offered upload with
    // the editor's read key is refused by the worker (403) and says so.
    const imageMenu = await quickFixMenu('image = "images.example.org/fleet/tracker:2.8.0"');
    await imageMenu.locator('.monaco-list-row', { hasText: 'Ignore this drift' }).first().click();
    const driftignore = join(workspace, '.driftignore');
    const rule = 'k8s/deployment/fleet/tracker:spec.template.spec.containers[tracker].image # from VS Code, ';
    await waitFor(
      'the .driftignore rule',
      async () => existsSync(driftignore) && readFileSync(driftignore, 'utf8').startsWith(rule),
      15_000,
    );
    const offer = page.locator('.notification-toast', { hasText: 'Upload it?' }).first();
    await offer.waitFor({ timeout: 15_000 });
    await offer.locator('.monaco-button', { hasText: 'Upload' }).first().click();
    await page
      .locator('.notification-toast', { hasText: 'can only read (403)' })
      .first()
      .waitFor({ timeout: 15_000 });
    log("Ignore this drift wrote .driftignore; the read key's upload reads as a 403");

    // 15. "Copy the revert command" puts the terraform command on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: editorUrl });
    const revertMenu = await quickFixMenu('image = "images.example.org/fleet/tracker:2.8.0"');
    await revertMenu.locator('.monaco-list-row', { hasText: 'Copy the revert command' }).first().click();
    const revert = "terraform apply -target='kubernetes_deployment_v1.tracker'";
    await waitFor(
      'the revert command on the clipboard',
      async () =>
        (await page.evaluate(() =>
          (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText(),
        )) === revert,
      15_000,
    );
    log('Copy the revert command copied it');
  } catch (err) {
    // Leave evidence of what the editor looked like.
    const failure = join(tmpdir(), 'driftwise-e2e-failure.png');
    await page.screenshot({ path: failure }).catch(() => undefined);
    const dialog = await page
      .locator('.monaco-dialog-box')
      .innerText({ timeout: 1000 })
      .catch(() => '');
    throw new Error(
      `${err instanceof Error ? err.message : err}\n(screenshot: ${failure})${dialog ? `\ndialog: ${dialog}` : ''}`,
    );
  } finally {
    await browser.close();
  }
  log('PASS');
}

function stopAll(): void {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  stopAll();
  // Give wrangler and workerd a moment to release the scratch folder.
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(scratch, { recursive: true, force: true });
}
