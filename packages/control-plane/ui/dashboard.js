// The run dashboard: plain DOM, no build step. It reads only the API (`/runs`, `/runs/:id`, the SSE
// log streams), so it also works against any server with the same routes. Links: `#/runs/<run id>`.
'use strict';

const POLL_MS = 1000;
const PROGRESS_LINE = /^\[progress (\d{1,3}(?:\.\d)?)%\](?: (.*))?$/s; // core's protocol/progress-line.ts

const view = document.getElementById('view');
let leave = () => undefined; // stops the current view's timers and streams

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clickable(href, ...element) {
  const node = el(...element);
  node.addEventListener('click', () => (location.hash = href));
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const error = new Error(`${path}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function duration(from, to) {
  if (!from) return '';
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  if (!(ms >= 0)) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

const runEnd = (run) => (run.status === 'running' ? undefined : run.updatedAt);
const statusBadge = (status) => el('span', { class: `status ${status}`, 'data-status': status }, status);

function progressBar(progress) {
  const percent = Math.round(progress.fraction * 1000) / 10;
  return el(
    'div',
    { class: 'progress', 'data-fraction': progress.fraction },
    el('div', { class: 'bar' }, el('div', { style: `width:${percent}%` })),
    el('span', { class: 'label' }, `${percent}%${progress.note ? ` ${progress.note}` : ''}`),
  );
}

// ---- the list of runs ----

async function showRuns() {
  let timer;
  const render = async () => {
    let runs;
    try {
      runs = await getJson('/runs');
    } catch (error) {
      view.replaceChildren(noRunsNotice(error));
      return;
    }
    const rows = runs.map((run) =>
      clickable(
        `#/runs/${encodeURIComponent(run.runid)}`,
        'tr',
        { class: 'run', 'data-runid': run.runid },
        el(
          'td',
          {},
          el('a', { href: `#/runs/${encodeURIComponent(run.runid)}`, class: 'mono' }, run.runid.slice(0, 8)),
        ),
        el('td', {}, run.pipeline || el('span', { class: 'empty' }, '(broadcast)')),
        el('td', {}, `${run.resource.type}/${run.resource.name}`),
        el('td', {}, statusBadge(run.status)),
        el('td', {}, new Date(run.createdAt).toLocaleString()),
        el('td', {}, duration(run.createdAt, runEnd(run))),
      ),
    );
    view.replaceChildren(
      rows.length === 0
        ? el('p', { class: 'empty' }, 'No runs yet: create a resource with a pipeline (conveyor apply/run).')
        : el(
            'table',
            { id: 'runs' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ['Run', 'Pipeline', 'Resource', 'Status', 'Started', 'Duration'].map((h) => el('th', {}, h)),
              ),
            ),
            el('tbody', {}, rows),
          ),
    );
  };
  await render();
  timer = setInterval(render, POLL_MS * 2);
  leave = () => clearInterval(timer);
}

/** A server without run records (the Conveyor server keeps none): say so, and offer to follow a run's logs. */
function noRunsNotice(error) {
  const input = el('input', { placeholder: 'run id', size: 40, id: 'runid-input' });
  const form = el('form', {}, input, ' ', el('button', { type: 'submit' }, 'Follow logs'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/runs/${input.value.trim()}`;
  });
  return el(
    'div',
    { class: 'notice', id: 'no-runs' },
    el(
      'p',
      {},
      `This server does not list runs (${error.message}). Run records are a feature of the local control plane `,
      el('code', {}, 'conveyor dev'),
      '; the Conveyor server keeps none. Logs of a run id can still be followed:',
    ),
    form,
  );
}

// ---- one run ----

async function showRun(runid) {
  const streams = new Map(); // driver -> EventSource
  const logs = new Map(); // driver -> lines so far (kept across re-renders)
  const live = new Map(); // driver -> latest progress seen in its log stream
  let timer;
  let record;
  const follow = (driver) => {
    if (streams.has(driver)) return;
    logs.set(driver, logs.get(driver) || []);
    const source = new EventSource(
      `/logs/streams/${encodeURIComponent(driver)}/${encodeURIComponent(runid)}`,
    );
    source.onmessage = (event) => {
      let entry;
      try {
        entry = JSON.parse(event.data);
      } catch {
        return;
      }
      logs.get(driver).push(`${entry.timestamp}  ${entry.message}`);
      const progress = PROGRESS_LINE.exec(entry.message);
      if (progress) live.set(driver, { fraction: Number(progress[1]) / 100, note: progress[2] });
      const pre = document.querySelector(`pre.logs[data-driver="${CSS.escape(driver)}"]`);
      if (pre) {
        pre.textContent = logs.get(driver).join('\n');
        pre.scrollTop = pre.scrollHeight;
      }
      if (progress && record) renderRun(record);
    };
    streams.set(driver, source);
  };
  const renderRun = (run) => {
    record = run;
    const start = Date.parse(run.createdAt);
    const total = Math.max(1, (runEnd(run) ? Date.parse(runEnd(run)) : Date.now()) - start);
    const steps = run.steps.map((step) => {
      if (step.status !== 'pending') follow(step.driver);
      const from = step.startedAt ? Date.parse(step.startedAt) : undefined;
      const to = step.finishedAt ? Date.parse(step.finishedAt) : Date.now();
      const left = from === undefined ? 0 : ((from - start) / total) * 100;
      const width = from === undefined ? 0 : ((to - from) / total) * 100;
      // A finished step's bar would show a stale figure: progress is drawn while the step runs.
      const progress = step.status === 'running' ? live.get(step.driver) || step.progress : undefined;
      return el(
        'li',
        { class: `step ${step.status}`, 'data-driver': step.driver, 'data-status': step.status },
        el(
          'div',
          { class: 'step-head' },
          el('span', { class: 'mono' }, `#${step.index + 1}`),
          el('span', { class: 'driver' }, step.name || step.driver),
          statusBadge(step.status),
          el('span', { class: 'duration' }, duration(step.startedAt, step.finishedAt)),
        ),
        el(
          'div',
          { class: 'span', title: 'when the step ran, within the run' },
          from === undefined ? null : el('div', { style: `left:${left}%;width:${width}%` }),
        ),
        progress && progressBar(progress),
        step.message ? el('div', { class: 'result' }, step.message) : null,
        step.data !== undefined && step.data !== null
          ? el(
              'details',
              {},
              el('summary', {}, 'result data'),
              el('pre', { class: 'data' }, JSON.stringify(step.data, null, 2)),
            )
          : null,
        step.status === 'pending'
          ? null
          : el(
              'details',
              { open: '' },
              el('summary', {}, 'logs'),
              el(
                'pre',
                { class: 'logs', 'data-driver': step.driver },
                (logs.get(step.driver) || []).join('\n'),
              ),
            ),
      );
    });
    view.replaceChildren(
      el(
        'div',
        { class: 'run-head' },
        el('h1', {}, run.pipeline || 'broadcast', ' ', statusBadge(run.status)),
        el(
          'div',
          { class: 'meta' },
          `${run.resource.type}/${run.resource.name} · run `,
          el('code', { id: 'runid' }, run.runid),
          ` · started ${new Date(run.createdAt).toLocaleString()} · ${duration(run.createdAt, runEnd(run))}`,
        ),
      ),
      el('ol', { class: 'timeline' }, steps),
    );
    for (const pre of document.querySelectorAll('pre.logs')) pre.scrollTop = pre.scrollHeight;
  };
  const poll = async () => {
    try {
      renderRun(await getJson(`/runs/${encodeURIComponent(runid)}`));
    } catch (error) {
      clearInterval(timer);
      showLogsOnly(runid, error);
    }
  };
  await poll();
  timer = setInterval(poll, POLL_MS);
  leave = () => {
    clearInterval(timer);
    for (const source of streams.values()) source.close();
  };
}

/** No run record (a server without `/runs`, or an unknown run): the run's whole log stream. */
function showLogsOnly(runid, error) {
  const pre = el('pre', { class: 'logs', id: 'run-logs' });
  view.replaceChildren(
    el(
      'div',
      { class: 'notice', id: 'no-run-record' },
      `No run record for ${runid} (${error.message}): steps and results are unknown here. Its logs:`,
    ),
    pre,
  );
  const source = new EventSource(`/logs/pipeline/${encodeURIComponent(runid)}`);
  source.onmessage = (event) => {
    try {
      const entry = JSON.parse(event.data);
      pre.textContent += `${entry.timestamp}  ${entry.driver} | ${entry.message}\n`;
    } catch {
      // not a log entry
    }
  };
  const previous = leave;
  leave = () => {
    previous();
    source.close();
  };
}

function route() {
  leave();
  leave = () => undefined;
  const match = /^#\/runs\/([^/]+)$/.exec(location.hash);
  if (match) showRun(decodeURIComponent(match[1]));
  else showRuns();
}

document.getElementById('server').textContent = location.host;
window.addEventListener('hashchange', route);
route();
