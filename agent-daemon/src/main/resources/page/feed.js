// Insights and notices as they come (the event stream), each with the frames it is about.

import { get, SignedOut } from './api.js';
import { element, when } from './format.js';

const KEPT = 50;

export class Feed {
  constructor(onFrame, onSignedOut) {
    this.onFrame = onFrame;
    this.onSignedOut = onSignedOut;
    this.list = document.getElementById('feed');
    this.state = document.getElementById('feed-state');
    this.seen = new Set();
    this.list.addEventListener('click', (e) => {
      const frame = e.target.closest('[data-seq]');
      if (frame) {
        this.onFrame(Number(frame.dataset.seq));
      }
    });
  }

  async start() {
    try {
      const { insights } = await get('/api/v1/insights', { limit: 20 });
      for (const insight of insights.slice().reverse()) {
        this.add(insight, false);
      }
    } catch (e) {
      if (e instanceof SignedOut) {
        this.onSignedOut();
        return;
      }
      this.state.textContent = `Insights could not be read: ${e.message}`;
    }
    this.listen();
  }

  listen() {
    this.stream = new EventSource('/api/v1/stream?kinds=insight,notice');
    // Closed as the page goes: a browser gives a host six connections, and a stream kept open by
    // a page in its back-forward cache would hold one of them.
    window.addEventListener('pagehide', () => this.stream.close());
    window.addEventListener('pageshow', (e) => {
      if (e.persisted) {
        this.listen();
      }
    }, { once: true });
    this.stream.addEventListener('open', () => {
      this.state.textContent = this.list.children.length ? '' : 'No insight yet: they appear here as the vision model sends them.';
    });
    this.stream.addEventListener('insight', (e) => this.add(JSON.parse(e.data), false));
    this.stream.addEventListener('notice', (e) => this.add(JSON.parse(e.data), true));
    this.stream.addEventListener('error', () => {
      if (this.stream.readyState === EventSource.CLOSED) {
        this.state.textContent = 'The live feed stopped; reload the page to start it again.';
      } else {
        this.state.textContent = 'Reconnecting to the live feed…';
      }
    });
  }

  stop() {
    if (this.stream) {
      this.stream.close();
    }
  }

  add(insight, notice) {
    const existing = this.list.querySelector(`[data-insight="${insight.id}"]`);
    if (existing) {
      if (notice || insight.notice) {
        existing.classList.add('notice');
      }
      return;
    }
    if (this.seen.has(insight.id)) {
      return;
    }
    this.seen.add(insight.id);
    const text = insight.valid
      ? [insight.activity, insight.needsHelp && insight.suggestion ? `Suggestion: ${insight.suggestion}` : '']
          .filter(Boolean)
          .join(' — ')
      : `Unreadable reply (${insight.invalidReason || 'invalid'})`;
    const frames = (insight.frames || []).map((seq) =>
      element('button', { type: 'button', class: 'frame-link', 'data-seq': String(seq), text: `frame ${seq}` }),
    );
    const item = element(
      'li',
      { 'data-insight': String(insight.id), class: notice || insight.notice ? 'insight notice' : 'insight' },
      element('time', { datetime: insight.receivedAt, text: when(Date.parse(insight.receivedAt)) }),
      element('span', { class: 'insight-app', text: insight.app || '' }),
      element('p', { class: 'insight-text', text }),
      element('span', { class: 'insight-frames' }, ...frames),
    );
    this.list.prepend(item);
    while (this.list.children.length > KEPT) {
      this.list.lastElementChild.remove();
    }
    this.state.textContent = '';
  }
}
