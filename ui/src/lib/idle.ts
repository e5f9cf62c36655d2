// The idle lock: after N minutes without keyboard, mouse or touch activity the
// counter locks. Checked against the wall clock, not only by a timer, because
// a suspended laptop or a hidden window pauses timers: coming back after an
// hour must lock, not restart the countdown.

/** What counts as someone at the counter. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** How often activity is reported to the backend at most, so its session does not run out first. */
export const KEEP_ALIVE_EVERY_MS = 30_000;

export interface IdleOptions {
  minutes: number;
  /** The counter has been idle for `minutes`: lock it. Called once. */
  onIdle: () => void;
  /** Someone is active; called at most every KEEP_ALIVE_EVERY_MS. */
  onActive?: () => void;
  target?: Window;
}

/** Starts watching; the returned function stops. */
export function watchIdle({ minutes, onIdle, onActive, target = window }: IdleOptions): () => void {
  const limit = minutes * 60_000;
  let last = Date.now();
  let reported = last;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;

  const idle = () => {
    if (done) return;
    stop();
    onIdle();
  };

  const check = () => {
    if (done) return;
    clearTimeout(timer);
    const left = last + limit - Date.now();
    if (left <= 0) idle();
    else timer = setTimeout(check, left);
  };

  const activity = () => {
    if (done) return;
    const now = Date.now();
    // Activity after the limit has passed (the machine slept) is the next
    // person arriving, not the last one still here.
    if (now - last >= limit) return idle();
    last = now;
    if (onActive && now - reported >= KEEP_ALIVE_EVERY_MS) {
      reported = now;
      onActive();
    }
  };

  const visibility = () => {
    if (target.document.visibilityState === 'visible') check();
  };

  function stop() {
    done = true;
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, true);
    target.document.removeEventListener('visibilitychange', visibility);
  }

  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, activity, { capture: true, passive: true });
  target.document.addEventListener('visibilitychange', visibility);
  check();
  return stop;
}
