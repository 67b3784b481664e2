// Shows the emergency and on-call numbers of the chosen country, also on pages that the
// service worker cached before the country was chosen. The numbers come from the server
// (firstaid/countries.py) inside every page, so there is no second copy here. "" means no
// country chosen: 112, which works in all of Europe. Only long-supported JavaScript: this runs
// on the way to the call button, also on old phones.
const numbers = JSON.parse(document.getElementById("numbers").textContent);

function each(selector, change) {
  const found = document.querySelectorAll(selector);
  for (let i = 0; i < found.length; i++) change(found[i]);
}

function show(code) {
  const country = numbers[code];
  each('[data-number="emergency"]', (el) => { el.textContent = country.emergency; });
  each('[data-call="emergency"]', (el) => { el.href = "tel:" + country.emergency; });
  each("[data-where]", (el) => { el.textContent = country.where; });
  each("[data-where-line]", (el) => { el.hidden = !code; });
  each("[data-country-link]", (el) => { el.textContent = code ? el.dataset.set : el.dataset.unset; });
  // The on-call lines of every country are in the page; without a choice all of them show.
  each("[data-doctor-call] [data-country]", (el) => { el.hidden = Boolean(code) && el.dataset.country !== code; });
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
  const age = code ? 31536000 : 0;
  document.cookie = "country=" + code + "; path=/; max-age=" + age + "; samesite=lax" + secure;
}

function nextPage() {
  // The cached settings page has no hidden "next" field (it is stored without the query).
  const next = new URLSearchParams(location.search).get("next") || "";
  return next.charAt(0) === "/" && next.charAt(1) !== "/" && next.charAt(1) !== "\\" ? next : "";
}

export function applyCountry() {
  const code = stored();
  if (code !== null && numbers[code]) show(code);
  const form = document.getElementById("country-form");
  if (!form) return;
  if (code !== null && numbers[code]) form.elements.country.value = code;
  form.addEventListener("submit", (event) => {
    // Works offline: no round trip needed to change the numbers. If anything here fails, the
    // form goes to the server, which does the same without JavaScript.
    const chosen = form.elements.country.value;
    if (!numbers[chosen]) return;
    try {
      remember(chosen);
    } catch (error) {
      return;
    }
    event.preventDefault();
    show(chosen);
    document.getElementById("country-saved").hidden = false;
    const next = nextPage();
    if (next) location.assign(next);
  });
}
