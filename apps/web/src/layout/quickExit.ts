// Quick exit (sortie rapide): for workers in shared spaces, one button or Escape twice replaces the
// page at once with a neutral one, replaces the history entry and ends the session.
import { endSessionInBackground } from '../api/client';

/** Served by the web build itself (apps/web/public): no request leaves the site, no Envol branding. */
export const NEUTRAL_PAGE = '/meteo.html';

/** Two presses of Escape within this many milliseconds. */
export const DOUBLE_ESCAPE_MS = 1000;

/** Whether this Escape, at `now`, completes a double press begun at `previous` (or null). */
export function isDoubleEscape(previous: number | null, now: number, windowMs = DOUBLE_ESCAPE_MS): boolean {
  return previous !== null && now - previous >= 0 && now - previous <= windowMs;
}

let exited = false;

/**
 * Leaves now: wipes the page first (nothing personal stays on screen while the neutral page
 * loads, nor in a copy of this page the browser might keep for its back button), asks the server
 * to end the session, and replaces the current history entry. Nothing is left for React to do:
 * a re-render now (say, to the sign-in page) could push a history entry after the replace.
 */
export function quickExit(): void {
  exited = true;
  endSessionInBackground();
  document.title = 'Météo';
  document.body.replaceChildren();
  window.location.replace(NEUTRAL_PAGE);
}

/**
 * If the browser restores this page from its back-forward cache after a quick exit, leave again
 * rather than show what it kept.
 */
export function installQuickExitGuard(): void {
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && exited) window.location.replace(NEUTRAL_PAGE);
  });
}
