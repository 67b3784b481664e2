// The automatic night hours on the settings page, stored for theme.js ("22-6").
const box = document.getElementById("night-hours");
const { auto, from, to } = box.elements;
const hours = localStorage.getItem("night-hours");
for (const select of [from, to]) {
  for (let hour = 0; hour < 24; hour++) select.add(new Option(`${hour}:00`, hour));
}
[from.value, to.value] = (hours || "22-6").split("-");
auto.checked = !!hours;
box.hidden = false;

box.addEventListener("change", () => {
  if (from.value === to.value) to.value = (+from.value + 1) % 24; // a night of no length
  // Switched off, the theme stays as it is now, as if tapped.
  const now = document.documentElement.classList.contains("night") ? 1 : 0;
  if (auto.checked) localStorage.setItem("night-hours", `${from.value}-${to.value}`);
  else localStorage.setItem("night", `${now}@${Date.now()}`), localStorage.removeItem("night-hours");
  document.dispatchEvent(new Event("night-change"));
  box.querySelector("[role=status]").textContent = box.dataset.saved;
});
