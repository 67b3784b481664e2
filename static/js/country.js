// Shows the emergency and on-call numbers of the remembered country, also on pages that the
// service worker cached before the country was chosen. The numbers come from the server
// (firstaid/countries.py) inside every page, so there is no second copy here.
const numbers = JSON.parse(document.getElementById("numbers").textContent);

function show(code) {
  const country = numbers[code];
  for (const el of document.querySelectorAll('[data-number="emergency"]')) el.textContent = country.emergency;
  for (const el of document.querySelectorAll('[data-call="emergency"]')) el.href = `tel:${country.emergency}`;
  for (const el of document.querySelectorAll('[data-number="doctor"]')) el.textContent = country.doctor;
  for (const el of document.querySelectorAll('[data-number-label="doctor"]')) el.textContent = country.doctor_label;
  for (const el of document.querySelectorAll('[data-call="doctor"]')) {
    el.href = `tel:${country.doctor}`;
    el.hidden = !country.doctor;
  }
}

function remember(code) {
  localStorage.setItem("country", code);
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `country=${code}; path=/; max-age=31536000; samesite=lax${secure}`;
}

export function applyCountry() {
  const code = localStorage.getItem("country");
  if (numbers[code]) show(code);
  const form = document.getElementById("country-form");
  if (!form) return;
  if (numbers[code]) form.elements.country.value = code;
  form.addEventListener("submit", (event) => {
    // Works offline: no round trip needed to change the numbers.
    event.preventDefault();
    const chosen = form.elements.country.value;
    remember(chosen);
    show(chosen);
    document.getElementById("country-saved").hidden = false;
  });
}
