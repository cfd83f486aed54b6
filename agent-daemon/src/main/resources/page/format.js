// Times, sizes and colours as the page shows them.

const pad = (n) => String(n).padStart(2, '0');

export function clock(ms, withSeconds = true) {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withSeconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

export function day(ms) {
  return new Date(ms).toLocaleDateString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
}

export function when(ms) {
  return `${day(ms)} ${clock(ms)}`;
}

export function span(ms) {
  const minutes = ms / 60000;
  if (minutes < 60) {
    return `${Math.round(minutes)} min`;
  }
  const hours = minutes / 60;
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

export function bytes(n) {
  if (n === null || n === undefined) {
    return '?';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let value = n;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(value < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

/** A colour of its own for each app, the same every time. */
export function colour(app) {
  if (!app) {
    return 'hsl(0 0% 70%)';
  }
  let hash = 0;
  for (const c of app) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  return `hsl(${hash % 360} 55% 62%)`;
}

/** The snippet's text with its <mark>ed matches, as nodes: never parsed as HTML. */
export function snippetNodes(snippet) {
  const unescape = (s) =>
    s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const nodes = [];
  const parts = snippet.split(/<mark>|<\/mark>/);
  parts.forEach((part, i) => {
    if (!part) {
      return;
    }
    if (i % 2 === 1) {
      const mark = document.createElement('mark');
      mark.textContent = unescape(part);
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(unescape(part)));
    }
  });
  return nodes;
}

export function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (name === 'text') {
      e.textContent = value;
    } else if (name === 'class') {
      e.className = value;
    } else {
      e.setAttribute(name, value);
    }
  }
  e.append(...children);
  return e;
}
