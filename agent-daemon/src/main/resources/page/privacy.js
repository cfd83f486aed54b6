// What capture leaves out: every exclusion rule in force and where it comes from, the default
// groups left out, and how often a region was blanked since the start (GET /api/v1/privacy).

/** Fills the status bar's privacy element from the API's answer. */
export function renderPrivacy(element, privacy) {
  const summary = element.querySelector('summary');
  const list = element.querySelector('ul');
  const masked = privacy.masked.frames;
  summary.textContent =
    `Excluded: ${privacy.apps.length} apps, ${privacy.titles.length} title patterns` +
    ` · ${masked} ${masked === 1 ? 'frame' : 'frames'} masked`;
  const items = [];
  for (const rule of privacy.apps) {
    items.push(item(`app ${rule.app}`, rule.from));
  }
  for (const rule of privacy.titles) {
    items.push(item(`title ${rule.pattern}`, rule.from));
  }
  if (privacy.defaults.leftOut.length > 0) {
    items.push(item(`default groups left out: ${privacy.defaults.leftOut.join(', ')}`, null));
  }
  list.replaceChildren(...items);
  element.hidden = false;
}

function item(text, from) {
  const line = document.createElement('li');
  line.textContent = from ? `${text} (${from})` : text;
  return line;
}
