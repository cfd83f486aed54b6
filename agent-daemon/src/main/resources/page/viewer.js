// The frame on screen at the chosen moment: its image (the ring's, else a keyframe's), the
// matched words drawn on it by the daemon, and its recognized text laid over it, selectable.

import { get, url, SignedOut } from './api.js';
import { when } from './format.js';

export class Viewer {
  constructor(onSignedOut) {
    this.onSignedOut = onSignedOut;
    this.image = document.getElementById('frame');
    this.caption = document.getElementById('frame-caption');
    this.textLayer = document.getElementById('text-layer');
    this.root = document.getElementById('viewer');
    this.generation = 0;
  }

  /**
   * Shows frame seq; where its pixels are gone, the keyframe given (the newest at or before it).
   * highlight: search words whose boxes the daemon draws on the image.
   */
  async show(seq, { keyframe = null, highlight = '' } = {}) {
    const generation = ++this.generation;
    let record;
    try {
      record = await get(`/api/v1/frames/${seq}`);
    } catch (e) {
      this.fail(e, `Frame ${seq}: ${e.message}`);
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    let shownSeq = seq;
    let note = '';
    if (!record.image) {
      if (keyframe === null || keyframe === undefined) {
        try {
          ({ keyframe } = await get('/api/v1/timeline/moment', { at: record.capturedAt }));
        } catch (e) {
          this.fail(e, null);
        }
      }
      if (generation !== this.generation) {
        return;
      }
      if (keyframe === null || keyframe === undefined || keyframe === seq) {
        this.image.hidden = true;
        this.image.removeAttribute('data-seq');
        this.textLayer.replaceChildren();
        this.caption.textContent =
          `Frame ${seq} (${when(Date.parse(record.capturedAt))}): its pixels are no longer kept.`;
        this.root.dataset.frame = String(seq);
        performance.mark('frame-shown');
        return;
      }
      shownSeq = keyframe;
      note = `; its pixels are gone, so this is the keyframe of frame ${keyframe}`;
    }
    if (!(await this.load(shownSeq, highlight)) || generation !== this.generation) {
      return;
    }
    // The frame asked for; the img's data-seq is the frame whose pixels it shows.
    this.root.dataset.frame = String(seq);
    performance.mark('frame-shown');
    const textSeq = shownSeq;
    const app = record.app ? ` · ${record.app}${record.window ? ` — ${record.window}` : ''}` : '';
    this.caption.textContent =
      `Frame ${seq} · ${when(Date.parse(record.capturedAt))} · display ${record.display ?? 0}${app}${note}`;
    this.layText(textSeq, record);
  }

  /** Loads frame seq's image into the img; false when it did not load. */
  load(seq, highlight) {
    return new Promise((resolve) => {
      const img = this.image;
      img.onload = () => {
        img.hidden = false;
        this.fitText();
        resolve(true);
      };
      img.onerror = () => {
        img.hidden = true;
        this.caption.textContent = `Frame ${seq}: its image could not be loaded.`;
        resolve(false);
      };
      img.dataset.seq = String(seq);
      img.src = url(`/api/v1/frames/${seq}/image`, { highlight });
    });
  }

  async layText(seq, record) {
    const generation = this.generation;
    let text;
    try {
      text = await get(`/api/v1/frames/${seq}/text`);
    } catch (e) {
      this.fail(e, null);
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    const width = record.width;
    const height = record.height;
    const lines = text.lines.map((line) => {
      const [x, y, w, h] = line.box;
      const span = document.createElement('span');
      span.textContent = line.text;
      span.style.left = `${(100 * x) / width}%`;
      span.style.top = `${(100 * y) / height}%`;
      span.style.width = `${(100 * w) / width}%`;
      span.style.height = `${(100 * h) / height}%`;
      span.dataset.boxHeight = String(h / height);
      return span;
    });
    this.textLayer.replaceChildren(...lines);
    this.textLayer.dataset.seq = String(seq);
    this.fitText();
  }

  /** Sizes the text layer's letters to the lines' boxes as the image is now drawn. */
  fitText() {
    const drawnHeight = this.image.clientHeight;
    for (const span of this.textLayer.children) {
      span.style.fontSize = `${Math.max(4, 0.8 * drawnHeight * Number(span.dataset.boxHeight))}px`;
    }
  }

  fail(e, message) {
    if (e instanceof SignedOut) {
      this.onSignedOut();
    } else if (message) {
      this.caption.textContent = message;
    }
  }
}
