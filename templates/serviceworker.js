// Krampfhilfe service worker, rendered by firstaid.views.service_worker.
// Its version is a digest of content, templates, translations and static hashes: any change
// changes these bytes, so the browser installs the new worker next time the app is online.
const VERSION = "{{ version }}";
const CACHE = `krampfhilfe-${VERSION}`;
const PREFS = "krampfhilfe-prefs";
const PRECACHE = {{ urls_json|safe }};
// Only these are refreshed in the cache: pages such as the account's, with an e-mail address
// on them, never stay on the phone.
const CACHED = new Set(PRECACHE);
const LANGUAGES = {{ languages_json|safe }};
const OFFLINE_PAGES = {{ offline_pages_json|safe }};
// A cramp at night with one bar of signal: do not make the user wait for a dead network.
const NETWORK_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
  // No skipWaiting() here: the new version waits until the user taps "update" or the app
  // starts afresh, so that a page never runs against a half-swapped cache.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== PREFS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return; // always live; the diary has its own offline store
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

async function navigate(request, url) {
  try {
    // A form sent (a POST) goes to the server as it is; only its failure is ours to answer.
    return request.method === "GET" ? await networkFirst(request) : await fetch(request);
  } catch (error) {
    // Offline: "/" (the installed app's start URL) opens in the language last read
    // (language.js stores it); a page that needs the network says so, in the page's language,
    // with the way to first aid, instead of the browser's own error page.
    const remembered = await rememberedLanguage();
    if (url.pathname === "/") return Response.redirect(`/${remembered}/`, 302);
    const lang = LANGUAGES.find((code) => url.pathname.startsWith(`/${code}/`)) || remembered;
    const fallback = (await caches.match(OFFLINE_PAGES[lang])) || (await caches.match(`/${lang}/`));
    if (fallback) return fallback;
    throw error;
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  // Pages like the diary entry (?id=…) are one cached shell for every query string.
  const cached = await cache.match(request, { ignoreVary: true, ignoreSearch: request.mode === "navigate" });
  try {
    // Give up on a slow network only when there is a cached copy to show instead.
    const response = await (cached ? withTimeout(fetch(request), NETWORK_TIMEOUT_MS) : fetch(request));
    const { pathname, search } = new URL(request.url);
    if (response.ok && response.type === "basic" && CACHED.has(pathname + search)) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("network timeout")), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function rememberedLanguage() {
  const stored = await (await caches.open(PREFS)).match("/language");
  const lang = stored && (await stored.text());
  return LANGUAGES.includes(lang) ? lang : LANGUAGES[0];
}
