// A soft tone from the Web Audio API (no sound file to store offline): sine waves that fade in
// and out, quiet enough for a dark room. Browsers without Web Audio stay silent.
let audio = null;

// Called from a tap, so that the browser lets the later tone play (autoplay rules).
export function unlock() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  audio ??= new Context();
  if (audio.state === "suspended") audio.resume().catch(() => {});
  return audio;
}

export function chime(notes = [523, 659], volume = 0.15) {
  const context = unlock();
  if (!context) return;
  notes.forEach((frequency, index) => {
    const start = context.currentTime + index * 0.3;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.8);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.85);
  });
}
