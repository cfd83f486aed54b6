// A stretch of the history: per display, the focused apps as coloured spans and the density of
// changes, keyframe thumbnails on hover; click or drag to scrub, arrows to step between changes.
// Only the stretch in view is asked for, at the resolution it is drawn: a week costs no more
// than a minute.

import { get, SignedOut } from './api.js';
import { clock, colour, day, element, span, when } from './format.js';

const MINUTE = 60e3;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZOOMS = [
  { label: '1 week', ms: 7 * DAY },
  { label: '1 day', ms: DAY },
  { label: '6 hours', ms: 6 * HOUR },
  { label: '1 hour', ms: HOUR },
  { label: '15 minutes', ms: 15 * MINUTE },
  { label: '5 minutes', ms: 5 * MINUTE },
  { label: '1 minute', ms: MINUTE },
];
const TICKS = [MINUTE / 6, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, DAY];
const PX_PER_BUCKET = 4;
const DRAG_EVERY_MS = 120;

export class Timeline {
  constructor(viewer, onSignedOut) {
    this.viewer = viewer;
    this.onSignedOut = onSignedOut;
    this.lanes = document.getElementById('lanes');
    this.axis = document.getElementById('axis');
    this.thumb = document.getElementById('thumb');
    this.thumbImage = document.getElementById('thumb-img');
    this.thumbLabel = document.getElementById('thumb-label');
    this.zoom = 1;
    this.from = 0;
    this.current = null;
    this.highlight = '';
    this.renderGeneration = 0;
    this.scrubGeneration = 0;
    document.getElementById('earlier').addEventListener('click', () => this.pan(-1));
    document.getElementById('later').addEventListener('click', () => this.pan(1));
    document.getElementById('zoom-in').addEventListener('click', () => this.zoomBy(1));
    document.getElementById('zoom-out').addEventListener('click', () => this.zoomBy(-1));
    document.getElementById('now').addEventListener('click', () => this.scrubTo(Date.now(), { pan: true }));
    document.addEventListener('keydown', (e) => this.key(e));
    window.addEventListener('hashchange', () => this.fromUrl());
    window.addEventListener('resize', () => this.render());
    this.listenToPointer();
  }

  get to() {
    return this.from + ZOOMS[this.zoom].ms;
  }

  start() {
    if (!this.fromUrl()) {
      this.centre(Date.now());
      this.render();
      this.scrubTo(Date.now());
    }
  }

  /** Takes the moment and zoom from the URL (#t=ISO&zoom=1h); false when it holds none. */
  fromUrl() {
    const params = new URLSearchParams(location.hash.slice(1));
    const t = Date.parse(params.get('t'));
    const zoom = ZOOMS.findIndex((z) => zoomName(z) === params.get('zoom'));
    if (zoom >= 0) {
      this.zoom = zoom;
    }
    if (Number.isNaN(t)) {
      return false;
    }
    if (location.hash === this.writtenHash) {
      return true; // what toUrl wrote
    }
    this.centre(t);
    this.render();
    // The time as written, to the nanosecond: a bookmark shows the very change it was made at.
    this.moment({ at: params.get('t') }, { pan: false });
    return true;
  }

  toUrl() {
    if (!this.current || !this.current.frame) {
      return;
    }
    const params = new URLSearchParams({ t: this.current.frame.capturedAt, zoom: zoomName(ZOOMS[this.zoom]) });
    this.writtenHash = `#${params}`;
    history.replaceState(null, '', this.writtenHash);
  }

  /** Puts t in view: the local day for the day zoom, else t in the middle. */
  centre(t) {
    const ms = ZOOMS[this.zoom].ms;
    if (ms === DAY) {
      const start = new Date(t);
      start.setHours(0, 0, 0, 0);
      this.from = start.getTime();
    } else {
      this.from = Math.round(t - ms / 2);
    }
  }

  pan(direction) {
    this.from += (direction * ZOOMS[this.zoom].ms) / 2;
    this.render();
  }

  zoomBy(steps) {
    const next = Math.min(ZOOMS.length - 1, Math.max(0, this.zoom + steps));
    if (next === this.zoom) {
      return;
    }
    this.zoom = next;
    const focus = this.current && this.current.frame ? Date.parse(this.current.frame.capturedAt) : (this.from + this.to) / 2;
    this.centre(focus);
    this.render();
    this.toUrl();
  }

  key(e) {
    if (e.target.closest('input, select, textarea') || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const actions = {
      ArrowLeft: () => this.step(-1),
      ArrowRight: () => this.step(1),
      PageUp: () => this.pan(-1),
      PageDown: () => this.pan(1),
      '+': () => this.zoomBy(1),
      '=': () => this.zoomBy(1),
      '-': () => this.zoomBy(-1),
    };
    const action = actions[e.key];
    if (action && !(e.target.closest('button') && e.key.startsWith('Page'))) {
      e.preventDefault();
      action();
    }
  }

  /** Draws the stretch in view: axis, lanes, app spans, density of changes. */
  async render() {
    const generation = ++this.renderGeneration;
    const from = this.from;
    const to = this.to;
    const width = Math.max(100, this.lanes.clientWidth - 100);
    const buckets = Math.min(2000, Math.max(10, Math.floor(width / PX_PER_BUCKET)));
    document.getElementById('range-label').textContent = `${when(from)} – ${day(to) === day(from) ? clock(to) : when(to)}`;
    document.getElementById('zoom-label').textContent = ZOOMS[this.zoom].label;
    let density;
    let activity;
    try {
      [density, activity] = await Promise.all([
        get('/api/v1/timeline', { from: iso(from), to: iso(to), buckets }),
        spansBetween(from, to),
      ]);
    } catch (e) {
      if (e instanceof SignedOut) {
        this.onSignedOut();
      } else {
        this.lanes.replaceChildren(element('p', { class: 'lane-empty', text: `The timeline could not be read: ${e.message}` }));
      }
      return;
    }
    if (generation !== this.renderGeneration) {
      return;
    }
    this.density = density;
    this.drawAxis(from, to);
    const displays = new Set(density.displays.map((d) => d.display));
    activity.spans.forEach((s) => displays.add(Math.max(0, s.display)));
    if (displays.size === 0) {
      this.lanes.replaceChildren(element('p', { class: 'lane-empty', text: `Nothing was captured between ${when(from)} and ${when(to)}.` }));
      return;
    }
    const lanes = [...displays].sort((a, b) => a - b).map((display) => {
      const spans = activity.spans.filter((s) => Math.max(0, s.display) === display);
      const changes = density.displays.find((d) => d.display === display);
      return this.lane(display, spans, changes, from, to);
    });
    this.lanes.replaceChildren(...lanes);
    this.lanes.dataset.drawn = `${zoomName(ZOOMS[this.zoom])} ${iso(from)}`;
    this.drawCursor();
    performance.mark('timeline-drawn'); // what a load-time measurement waits for
  }

  lane(display, spans, changes, from, to) {
    const length = to - from;
    const spanRow = element('div', { class: 'spans' });
    for (const s of spans) {
      const start = Math.max(from, Date.parse(s.from));
      const end = Math.min(to, Math.max(Date.parse(s.to), Date.parse(s.from) + 1000));
      if (end <= start) {
        continue;
      }
      const name = s.excluded ? 'excluded window' : `${s.app || 'unknown'}${s.window ? ` — ${s.window}` : ''}`;
      const block = element('div', {
        class: s.excluded ? 'span excluded' : 'span',
        title: `${name}\n${clock(Date.parse(s.from))} – ${clock(Date.parse(s.to))}, ${s.changes} changes`,
        'data-app': s.app || '',
      });
      block.style.left = `${(100 * (start - from)) / length}%`;
      block.style.width = `${(100 * (end - start)) / length}%`;
      block.style.background = s.excluded ? '' : colour(s.app);
      spanRow.append(block);
    }
    const densityRow = element('div', { class: 'density' });
    if (changes) {
      const most = Math.max(1, ...changes.changes);
      const n = changes.changes.length;
      changes.changes.forEach((count, i) => {
        if (count === 0) {
          return;
        }
        const bar = element('div', {
          class: 'bar',
          'data-bucket': String(i),
          'data-keyframe': changes.keyframe[i] === null ? null : String(changes.keyframe[i]),
        });
        bar.style.left = `${(100 * i) / n}%`;
        bar.style.width = `${100 / n}%`;
        bar.style.height = `${15 + (85 * Math.log1p(count)) / Math.log1p(most)}%`;
        bar.title = `${count} change${count === 1 ? '' : 's'}`;
        densityRow.append(bar);
      });
    }
    const track = element('div', { class: 'lane-track', 'data-display': String(display) }, spanRow, densityRow, element('div', { class: 'cursor', hidden: '' }));
    return element('div', { class: 'lane', 'data-display': String(display) }, element('div', { class: 'lane-label', text: `Display ${display + 1}` }), track);
  }

  drawAxis(from, to) {
    const length = to - from;
    const step = TICKS.find((t) => length / t <= 12) || DAY;
    const ticks = [];
    const offset = new Date(from).getTimezoneOffset() * MINUTE;
    for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) {
      const tick = element('span', { class: 'tick', text: step >= DAY ? day(t) : clock(t, step < MINUTE) });
      tick.style.left = `${(100 * (t - from)) / length}%`;
      ticks.push(tick);
    }
    this.axis.replaceChildren(...ticks);
  }

  drawCursor() {
    const frame = this.current && this.current.frame;
    for (const track of this.lanes.querySelectorAll('.lane-track')) {
      const cursor = track.querySelector('.cursor');
      if (!frame) {
        cursor.hidden = true;
        continue;
      }
      const t = Date.parse(frame.capturedAt);
      cursor.hidden = t < this.from || t > this.to;
      cursor.style.left = `${(100 * (t - this.from)) / (this.to - this.from)}%`;
    }
    if (frame) {
      this.lanes.setAttribute('aria-valuetext', when(Date.parse(frame.capturedAt)));
    }
  }

  /** Shows the change on screen at time t (pan: bring it into view). */
  async scrubTo(t, { pan = false, highlight = '' } = {}) {
    return this.moment({ at: iso(t) }, { pan, highlight });
  }

  async moment(params, { pan = true, highlight = '' } = {}) {
    const generation = ++this.scrubGeneration;
    let moment;
    try {
      moment = await get('/api/v1/timeline/moment', params);
    } catch (e) {
      if (e instanceof SignedOut) {
        this.onSignedOut();
      }
      return;
    }
    if (generation !== this.scrubGeneration) {
      return;
    }
    this.current = moment;
    if (!moment.frame) {
      this.viewer.caption.textContent = 'No change has been recorded yet.';
      return;
    }
    const t = Date.parse(moment.frame.capturedAt);
    if (pan && (t < this.from || t > this.to)) {
      this.centre(t);
      this.render();
    }
    this.drawCursor();
    this.toUrl();
    await this.viewer.show(moment.frame.seq, { keyframe: moment.keyframe, highlight });
  }

  /** Opens frame seq (a search hit, an insight's frame) at its moment. */
  async openFrame(seq, time, highlight = '') {
    const t = Date.parse(time);
    if (!Number.isNaN(t) && (t < this.from || t > this.to)) {
      this.centre(t);
      this.render();
    }
    this.current = { frame: { seq, capturedAt: time, display: 0 }, previous: null, next: null };
    const moment = await get('/api/v1/timeline/moment', { seq }).catch(() => null);
    if (moment && moment.frame) {
      this.current = moment;
      this.drawCursor();
      this.toUrl();
    }
    await this.viewer.show(seq, { highlight, keyframe: moment ? moment.keyframe : null });
  }

  /** The previous (-1) or next (1) change. */
  step(direction) {
    if (!this.current) {
      return;
    }
    const target = direction < 0 ? this.current.previous : this.current.next;
    if (!target) {
      this.viewer.caption.textContent = direction < 0 ? 'This is the first change kept.' : 'This is the newest change.';
      return;
    }
    this.moment({ seq: target.seq });
  }

  listenToPointer() {
    let dragging = false;
    let last = 0;
    const timeAt = (e, track) => {
      const box = track.getBoundingClientRect();
      const x = Math.min(Math.max(0, e.clientX - box.left), box.width);
      return this.from + ((this.to - this.from) * x) / box.width;
    };
    this.lanes.addEventListener('pointerdown', (e) => {
      const track = e.target.closest('.lane-track');
      if (!track) {
        return;
      }
      dragging = true;
      this.lanes.setPointerCapture(e.pointerId);
      this.lanes.focus();
      this.scrubTo(timeAt(e, track));
    });
    this.lanes.addEventListener('pointermove', (e) => {
      const track = e.target.closest('.lane-track') || this.lanes.querySelector('.lane-track');
      if (!track) {
        return;
      }
      if (dragging && performance.now() - last > DRAG_EVERY_MS) {
        last = performance.now();
        this.scrubTo(timeAt(e, track));
      }
      this.hover(e, track);
    });
    const stop = () => {
      dragging = false;
    };
    this.lanes.addEventListener('pointerup', stop);
    this.lanes.addEventListener('pointercancel', stop);
    this.lanes.addEventListener('pointerleave', () => {
      this.thumb.hidden = true;
    });
  }

  /** The keyframe thumbnail of the part under the pointer, if it has one. */
  hover(e, track) {
    const bar = e.target.closest('.bar');
    const keyframe = bar && bar.dataset.keyframe;
    if (!keyframe) {
      this.thumb.hidden = true;
      return;
    }
    if (this.thumbImage.dataset.seq !== keyframe) {
      this.thumbImage.dataset.seq = keyframe;
      this.thumbImage.src = `/api/v1/frames/${keyframe}/image?scale=0.2&format=jpeg`;
      const n = Number(bar.dataset.bucket);
      const bucketMs = (this.to - this.from) / this.density.buckets;
      this.thumbLabel.textContent = `${clock(this.from + n * bucketMs)} · ${bar.title} · ${span(bucketMs)}`;
    }
    const box = this.lanes.getBoundingClientRect();
    this.thumb.style.left = `${Math.min(e.clientX - box.left + 12, box.width - 260)}px`;
    this.thumb.style.top = `${track.offsetTop + track.offsetHeight + 4}px`;
    this.thumb.hidden = false;
  }
}

/** The focused-window spans of the stretch, a page of 1000 after another (5 at most). */
async function spansBetween(from, to) {
  const spans = [];
  let start = iso(from);
  for (let page = 0; page < 5; page++) {
    const { spans: more } = await get('/api/v1/activity', { from: start, to: iso(to), limit: 1000 });
    const fresh = spans.length ? more.filter((s) => s.fromSeq > spans[spans.length - 1].fromSeq) : more;
    spans.push(...fresh);
    if (more.length < 1000 || fresh.length === 0) {
      break;
    }
    start = more[more.length - 1].from;
  }
  return { spans };
}

function iso(ms) {
  return new Date(ms).toISOString();
}

function zoomName(zoom) {
  return zoom.label.replace(' ', '');
}
