// The automatic night hours on the settings page, kept where theme.js reads them ("22-6").
const fieldset = document.getElementById("night-hours");
const { auto, from, to } = fieldset.elements;
const [start, end] = (localStorage.getItem("night-hours") || "22-6").split("-");

for (const select of [from, to]) {
  for (let hour = 0; hour < 24; hour++) select.add(new Option(`${hour}:00`, hour));
}
auto.checked = !!localStorage.getItem("night-hours");
from.value = start;
to.value = end;
fieldset.hidden = false;

fieldset.addEventListener("change", () => {
  // Equal hours would be a night of no length: the end moves one hour on.
  if (from.value === to.value) to.value = (+from.value + 1) % 24;
  if (auto.checked) localStorage.setItem("night-hours", `${from.value}-${to.value}`);
  else {
    // Switching the hours off keeps the theme as it is now, as if tapped.
    const now = document.documentElement.classList.contains("night") ? 1 : 0;
    localStorage.setItem("night", `${now}@${Date.now()}`);
    localStorage.removeItem("night-hours");
  }
  document.dispatchEvent(new Event("night-change"));
  fieldset.querySelector("[role=status]").textContent = fieldset.dataset.saved;
});
