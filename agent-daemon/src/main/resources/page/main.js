// The page: signed in, it shows the status, the search, the timeline, the frame and the feed;
// signed out, it says how to sign in and asks the API for nothing else.

import { signedIn } from './api.js';
import { Feed } from './feed.js';
import { SearchPanel } from './search.js';
import { StatusPanel } from './status.js';
import { Timeline } from './timeline.js';
import { Viewer } from './viewer.js';

let status;
let feed;

function signOut(reason) {
  if (status) {
    status.stop();
  }
  if (feed) {
    feed.stop();
  }
  document.getElementById('app').hidden = true;
  document.getElementById('status').hidden = true;
  document.getElementById('problems').hidden = true;
  if (reason) {
    document.getElementById('signed-out-reason').textContent = reason;
  }
  document.getElementById('signed-out').hidden = false;
  document.body.dataset.session = 'none';
}

async function start() {
  const expired = new URLSearchParams(location.hash.slice(1)).get('signin') === 'expired';
  let session = false;
  try {
    session = await signedIn();
  } catch (e) {
    signOut(`The daemon does not answer (${e.message}).`);
    return;
  }
  if (!session) {
    signOut(
      expired
        ? 'That sign-in link has expired or was used already: links work once, for a minute.'
        : null,
    );
    return;
  }
  if (expired) {
    history.replaceState(null, '', location.pathname);
  }
  const lost = () => signOut('Your session has ended (the daemon restarted, or its token was rotated).');
  const viewer = new Viewer(lost);
  const timeline = new Timeline(viewer, lost);
  status = new StatusPanel(lost);
  feed = new Feed((seq) => timeline.openFrame(seq, null), lost);
  new SearchPanel((seq, time, query) => timeline.openFrame(seq, time, query), lost);
  document.getElementById('app').hidden = false;
  document.body.dataset.session = 'live';
  window.addEventListener('resize', () => viewer.fitText());
  status.start();
  timeline.start();
  feed.start();
}

start();
