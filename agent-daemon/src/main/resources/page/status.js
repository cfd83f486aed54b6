// The status panel: what capture is doing, pause and resume, forget the last minutes, and the
// problems health reports.

import { del, get, post, SignedOut } from './api.js';
import { bytes } from './format.js';
import { renderPrivacy } from './privacy.js';

const POLL_MS = 2000;

export class StatusPanel {
  constructor(onSignedOut) {
    this.onSignedOut = onSignedOut;
    this.panel = document.getElementById('status');
    this.problems = document.getElementById('problems');
    this.pauseButton = document.getElementById('pause');
    this.resumeButton = document.getElementById('resume');
    this.pauseButton.addEventListener('click', () => this.act('/api/v1/pause'));
    this.resumeButton.addEventListener('click', () => this.act('/api/v1/resume'));
    this.privacy = document.getElementById('status-privacy');
    this.forgetButton = document.getElementById('forget');
    this.forgetButton.addEventListener('click', () => this.forget('10m'));
  }

  /** Forgets the last {@code last} of the history, once the user said yes. */
  async forget(last) {
    const sure = window.confirm(
      'Forget the last 10 minutes? Their frames, text, windows and insights are removed from' +
        ' every store of the history, and cannot be brought back.',
    );
    if (!sure) {
      return;
    }
    try {
      const gone = await del('/api/v1/history', { last });
      this.notice =
        `Forgot ${gone.frames} frames from ${new Date(gone.from).toLocaleTimeString()} to ` +
        `${new Date(gone.to).toLocaleTimeString()} (${gone.dataKeys} keys destroyed).`;
      this.noticeUntil = Date.now() + 30_000;
      this.refresh();
    } catch (e) {
      if (e instanceof SignedOut) {
        this.stop();
        this.onSignedOut();
      } else {
        this.show([`Forget failed: ${e.message}`]);
      }
    }
  }

  start() {
    this.panel.hidden = false;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async act(path) {
    try {
      await post(path);
    } catch (e) {
      this.show([`${path}: ${e.message}`]);
    }
    this.refresh();
  }

  async refresh() {
    try {
      const [status, privacy] = await Promise.all([
        get('/api/v1/status'),
        get('/api/v1/privacy'),
      ]);
      this.render(status);
      renderPrivacy(this.privacy, privacy);
    } catch (e) {
      if (e instanceof SignedOut) {
        this.stop();
        this.onSignedOut();
      } else {
        this.show([`The daemon does not answer: ${e.message}`]);
      }
    }
  }

  render(status) {
    const capture = status.capture;
    const userPaused = capture.userPause && capture.userPause.paused;
    const state = userPaused ? 'paused' : status.state;
    const pill = document.getElementById('status-state');
    pill.textContent = state;
    pill.dataset.state = state;
    this.panel.dataset.paused = String(userPaused || capture.paused);
    const until = userPaused && capture.userPause.until ? ` until ${new Date(capture.userPause.until).toLocaleTimeString()}` : '';
    document.getElementById('status-capture').textContent =
      `${capture.source}: ${capture.fpsActual10s.toFixed(1)} of ${capture.fpsTarget} FPS${until}`;
    const pressure = status.memory.pressure.level;
    const pressureText = document.getElementById('status-pressure');
    pressureText.textContent = `memory pressure ${pressure.toLowerCase()}`;
    pressureText.dataset.level = pressure;
    const disk = status.journal.disk;
    document.getElementById('status-disk').textContent = disk
      ? `disk ${disk.state.toLowerCase()}, ${bytes(disk.freeBytes)} free`
      : 'disk not watched';
    const vision = status.vision;
    const budget = vision.budget;
    document.getElementById('status-vision').textContent =
      vision.provider === 'none'
        ? 'vision off (text only)'
        : `vision ${vision.provider}: ${budget.tokensToday}` +
          (budget.dailyTokenLimit > 0 ? ` of ${budget.dailyTokenLimit}` : '') +
          ` tokens today, ${budget.imagesLastHour} images this hour`;
    this.pauseButton.disabled = userPaused;
    this.resumeButton.disabled = !userPaused;
    const notice = this.notice && Date.now() < this.noticeUntil ? [this.notice] : [];
    this.show(notice.concat(problemsOf(status)));
  }

  show(problems) {
    this.problems.replaceChildren(
      ...problems.map((p) => {
        const line = document.createElement('p');
        line.textContent = p;
        return line;
      }),
    );
    this.problems.hidden = problems.length === 0;
  }
}

/** What a person should know is wrong, in plain words. */
export function problemsOf(status) {
  const problems = [];
  const capture = status.capture;
  if (capture.connection && capture.connection.state !== 'connected') {
    problems.push(
      `Display lost: the capture source is ${capture.connection.state}` +
        ` (${capture.connection.reconnects} reconnects so far); nothing is captured until it is back.`,
    );
  }
  if (status.state === 'stalled') {
    problems.push(
      `Stalled: no frame for ${Math.round(status.frames.lastFrameAgeMs / 1000)} s although capture is on.`,
    );
  }
  if (status.state === 'source-finished') {
    problems.push('The capture source has finished: no new frames will come.');
  }
  const disk = status.journal.disk;
  if (disk && disk.state !== 'OK') {
    problems.push(
      disk.state === 'FULL'
        ? `Disk full: ${bytes(disk.freeBytes)} free; nothing is written to the history until space is freed.`
        : `Disk low: ${bytes(disk.freeBytes)} free; keyframes are not kept until space is freed.`,
    );
  }
  if (status.memory.pressure.level === 'CRITICAL') {
    problems.push('Memory pressure is critical: capture and vision are cut back.');
  }
  if (status.config && status.config.problem) {
    problems.push(`Config: ${status.config.problem}`);
  }
  return problems;
}
