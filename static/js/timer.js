// Count-down timers of the first-aid steps. The end time is kept in sessionStorage, so a
// timer goes on through a screen rotation, a reload or the browser discarding the tab.
// At the end: a soft tone, vibration where the phone has it, and a banner (role="alert"); then,
// if the person asked for it, the flow moves on by itself. "#start" in the URL (the quick start
// on the "how strong is it?" screen, a tile that says so) starts the step's timer on arrival.
import { keepScreenOn, allowScreenOff } from "./wake-lock.js";
import { chime, unlock } from "./tone.js";

const AUTO_KEY = "timer:auto";
const AUTO_DELAY_MS = 5000;

function format(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

class Timer {
  constructor(el) {
    this.el = el;
    this.key = `timer:${el.dataset.timer}`;
    this.duration = Number(el.dataset.duration) * 1000;
    this.display = el.querySelector("[data-remaining]");
    this.banner = el.querySelector("[data-announce]");
    this.toggleButton = el.querySelector('[data-action="toggle"]');
    this.resetButton = el.querySelector('[data-action="reset"]');
    this.auto = el.querySelector("[data-auto]");
    this.toggleButton.addEventListener("click", () => {
      unlock();
      if (this.running) this.pause();
      else this.start();
    });
    this.resetButton.addEventListener("click", () => this.reset());
    if (this.auto) {
      this.auto.checked = localStorage.getItem(AUTO_KEY) === "1";
      this.auto.addEventListener("change", () => localStorage.setItem(AUTO_KEY, this.auto.checked ? "1" : "0"));
      el.querySelector("[data-auto-label]").hidden = false;
    }
    const saved = JSON.parse(sessionStorage.getItem(this.key) || "null");
    this.endsAt = saved?.endsAt ?? null;
    this.left = saved?.left ?? this.duration;
    if (this.endsAt) this.start();
    else this.render();
  }

  get running() {
    return this.endsAt !== null;
  }

  remaining() {
    return this.running ? this.endsAt - Date.now() : this.left;
  }

  start() {
    if (this.left <= 0) this.left = this.duration;
    this.endsAt ??= Date.now() + this.left;
    this.banner.textContent = "";
    this.el.classList.remove("take-off");
    this.save();
    keepScreenOn(this);
    clearInterval(this.interval);
    this.interval = setInterval(() => this.tick(), 250);
    this.emit("start");
    this.tick();
  }

  pause() {
    this.left = this.remaining();
    this.stop();
    this.emit("pause");
  }

  reset() {
    this.left = this.duration;
    this.stop();
    this.banner.textContent = "";
    this.el.classList.remove("take-off");
    clearTimeout(this.moveOn);
    this.emit("reset");
  }

  stop() {
    this.endsAt = null;
    clearInterval(this.interval);
    allowScreenOff(this);
    this.save();
    this.render();
  }

  tick() {
    if (this.remaining() > 0) return this.render();
    this.left = 0;
    this.stop();
    this.finish();
  }

  finish() {
    const text = this.el.dataset;
    // "Take the heat off" needs doing: the banner pulses red, so it is seen without sound.
    this.el.classList.toggle("take-off", "takeOff" in text);
    chime();
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    const next = document.querySelector('a[rel="next"]');
    const moving = this.auto?.checked && next;
    this.banner.textContent = moving ? `${text.textDone} ${text.textNext}` : text.textDone;
    if (moving) this.moveOn = setTimeout(() => next.click(), AUTO_DELAY_MS);
    this.emit("done");
  }

  save() {
    sessionStorage.setItem(this.key, JSON.stringify({ endsAt: this.endsAt, left: this.left }));
  }

  render() {
    const text = this.el.dataset;
    this.display.textContent = format(this.remaining());
    this.el.classList.toggle("running", this.running);
    if (this.running) this.toggleButton.textContent = text.textPause;
    else if (this.left <= 0) this.toggleButton.textContent = text.textAgain;
    else this.toggleButton.textContent = this.left < this.duration ? text.textResume : text.textStart;
    this.resetButton.hidden = !this.running && this.left === this.duration;
  }

  emit(name) {
    this.el.dispatchEvent(new CustomEvent(`timer:${name}`, { bubbles: true }));
  }
}

const timers = [...document.querySelectorAll("[data-timer]")].map((el) => new Timer(el));

// "#start=cold-heat-heat" names the option its tile said ("Wärme: Timer starten"): its radio has
// the timer's key as id. Plain "#start" takes the first timer that shows.
const quick = /^#start(?:=([\w-]+))?$/.exec(location.hash);
if (quick) {
  history.replaceState(history.state, "", location.pathname + location.search);
  const option = quick[1] && document.getElementById(quick[1]);
  if (option) option.checked = true;
  const shown = timers.find((timer) => timer.el.offsetParent !== null);
  if (shown && !shown.running) shown.start();
}
