// Keeps the screen on while a timer or the breathing pacer runs (Screen Wake Lock API).
// The browser drops the lock when the page is hidden, so it is taken again on return.
const holders = new Set();
let sentinel = null;

async function acquire() {
  if (!("wakeLock" in navigator) || sentinel || document.visibilityState !== "visible") return;
  try {
    sentinel = await navigator.wakeLock.request("screen");
    sentinel.addEventListener("release", () => (sentinel = null));
  } catch {
    // Battery saver or a denied permission: the timer still works, the screen may dim.
  }
}

export function keepScreenOn(holder) {
  holders.add(holder);
  acquire();
}

export function allowScreenOff(holder) {
  holders.delete(holder);
  if (!holders.size && sentinel) sentinel.release();
}

document.addEventListener("visibilitychange", () => {
  if (holders.size) acquire();
});
