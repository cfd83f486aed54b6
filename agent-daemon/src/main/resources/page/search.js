// The search box: hits as you type (snippet, time, app), filtered by app and time range; a hit
// opens its frame with the matched words drawn.

import { get, ApiError, SignedOut } from './api.js';
import { element, snippetNodes, when } from './format.js';

const DEBOUNCE_MS = 150;
const HITS = 20;
const RANGES = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };

export class SearchPanel {
  constructor(onHit, onSignedOut) {
    this.onHit = onHit;
    this.onSignedOut = onSignedOut;
    this.query = document.getElementById('q');
    this.app = document.getElementById('app-filter');
    this.range = document.getElementById('range');
    this.hits = document.getElementById('hits');
    this.summary = document.getElementById('search-summary');
    this.controller = null;
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
    };
    this.query.addEventListener('input', later);
    this.app.addEventListener('input', later);
    this.range.addEventListener('change', () => this.search());
    document.getElementById('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.search();
      const first = this.hits.querySelector('[data-seq]');
      if (first) {
        first.focus();
      }
    });
    this.hits.addEventListener('click', (e) => {
      const hit = e.target.closest('[data-seq]');
      if (hit) {
        this.open(hit);
      }
    });
  }

  async search() {
    const q = this.query.value.trim();
    if (this.controller) {
      this.controller.abort();
    }
    if (!q) {
      this.hits.replaceChildren();
      this.summary.textContent = '';
      return;
    }
    this.controller = new AbortController();
    const range = RANGES[this.range.value];
    const params = {
      q,
      limit: HITS,
      app: this.app.value.trim(),
      from: range ? new Date(Date.now() - range).toISOString() : null,
    };
    let answer;
    try {
      answer = await get('/api/v1/search', params, this.controller.signal);
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      if (e instanceof SignedOut) {
        this.onSignedOut();
        return;
      }
      this.hits.replaceChildren();
      this.summary.textContent = e instanceof ApiError ? e.message : `Search failed: ${e.message}`;
      return;
    }
    this.render(q, answer.results);
  }

  render(q, results) {
    this.summary.textContent =
      results.length === 0
        ? `Nothing on screen matched “${q}”.`
        : `${results.length}${results.length === HITS ? '+' : ''} hit${results.length === 1 ? '' : 's'} for “${q}”, best first`;
    this.hits.replaceChildren(
      ...results.map((hit) => {
        const time = hit.capturedAt || hit.lastSeen;
        const button = element(
          'button',
          {
            type: 'button',
            class: 'hit',
            'data-seq': String(hit.seq),
            'data-time': time,
            'data-query': q,
          },
          element('span', { class: 'hit-snippet' }, ...snippetNodes(hit.snippet)),
          element(
            'span',
            { class: 'hit-meta' },
            element('time', { datetime: time, text: when(Date.parse(time)) }),
            ` · ${hit.app || 'unknown app'}${hit.window ? ` — ${hit.window}` : ''} · ${hit.kind}`,
          ),
        );
        return element('li', {}, button);
      }),
    );
  }

  open(hit) {
    for (const other of this.hits.querySelectorAll('[aria-current]')) {
      other.removeAttribute('aria-current');
    }
    hit.setAttribute('aria-current', 'true');
    this.onHit(Number(hit.dataset.seq), hit.dataset.time, hit.dataset.query);
  }
}
