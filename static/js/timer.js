// Count-down timers of the first-aid steps. The end time is kept in sessionStorage, so a
// timer goes on through a screen rotation, a reload or the browser discarding the tab.
import { keepScreenOn, allowScreenOff } from "./wake-lock.js";

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
    this.announce = el.querySelector("[data-announce]");
    // A visible end message where the end asks for something (take the heat off), not only a
    // spoken one: a person who looks at the screen must see it too.
    this.doneMessage = el.querySelector("[data-done]");
    this.toggleButton = el.querySelector('[data-action="toggle"]');
    this.resetButton = el.querySelector('[data-action="reset"]');
    this.toggleButton.addEventListener("click", () => (this.running ? this.pause() : this.start()));
    this.resetButton.addEventListener("click", () => this.reset());
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
    this.announce.textContent = "";
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
    this.announce.textContent = this.el.dataset.textDone;
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
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
    if (this.doneMessage) this.doneMessage.hidden = this.running || this.left > 0;
  }

  emit(name) {
    this.el.dispatchEvent(new CustomEvent(`timer:${name}`, { bubbles: true }));
  }
}

for (const el of document.querySelectorAll("[data-timer]")) new Timer(el);
