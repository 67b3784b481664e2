// Shows the numbers of the chosen country, also on pages cached before the choice. They come
// from the server (firstaid/countries.py) in every page: no second copy here. "" is no country
// chosen: 112, which works in all of Europe.
const numbers = JSON.parse(document.getElementById("numbers").textContent);

function show(code) {
  const country = numbers[code];
  const all = (selector) => document.querySelectorAll(selector);
  for (const el of all('[data-number="emergency"]')) el.textContent = country.emergency;
  for (const el of all('[data-call="emergency"]')) el.href = "tel:" + country.emergency;
  for (const el of all("[data-where]")) el.textContent = country.where;
  for (const el of all("[data-where-line]")) el.hidden = !code;
  for (const el of all("[data-country-link]")) el.textContent = code ? el.dataset.set : el.dataset.unset;
  // Every country's on-call line is in the page; without a choice all of them show.
  for (const el of all("[data-doctor-call] [data-country]")) el.hidden = !!code && el.dataset.country !== code;
}

function stored() {
  try {
    return localStorage.getItem("country");
  } catch (error) {
    return null; // storage switched off: the server's page (cookie or 112) stands
  }
}

function remember(code) {
  // "" is stored too: pages cached while a country was set must go back to 112.
  localStorage.setItem("country", code);
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `country=${code}; path=/; max-age=${code ? document.documentElement.dataset.cookieAge : 0}; samesite=lax${secure}`;
}

export function applyCountry() {
  const code = stored();
  if (numbers[code]) show(code);
  const form = document.getElementById("country-form");
  if (!form) return;
  if (numbers[code]) form.elements.country.value = code;
  form.addEventListener("submit", (event) => {
    // Works offline. If storing fails, the form goes to the server, which sets the cookie.
    const chosen = form.elements.country.value;
    try {
      remember(chosen);
    } catch (error) {
      return;
    }
    event.preventDefault();
    show(chosen);
    document.getElementById("country-saved").hidden = false;
    // The cached settings page has no "next" field: it was stored without the query.
    const next = new URLSearchParams(location.search).get("next") || "";
    if (/^\/[^/\\]/.test(next)) location.assign(next);
  });
}
