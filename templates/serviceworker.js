// Krampfhilfe service worker, rendered by firstaid.views.service_worker.
// Its version is a digest of content, templates, translations and static hashes: any change
// changes these bytes, so the browser installs the new worker next time the app is online.
const VERSION = "{{ version }}";
const CACHE = `krampfhilfe-${VERSION}`;
const PREFS = "krampfhilfe-prefs";
// Hashed static files and the manifest: every language's pages need them.
const ASSETS = {{ assets_json|safe }};
// The first-aid pages of each language. Only the languages the person reads are stored (DESIGN.md
// budget: 300 KB); another one is stored when a page of it is first opened online.
const PAGES = {{ pages_json|safe }};
const LANGUAGES = {{ languages_json|safe }};
const OFFLINE_PAGES = {{ offline_pages_json|safe }};
// Per language: the diary page, then its extra pages (patterns, report) and what only they load.
// Those are stored when the diary is first opened online, not on install (precache budget).
const DIARY = {{ diary_json|safe }};
const ON_DEMAND = new Set(Object.values(DIARY).flatMap((urls) => urls.slice(1)));
// These are answered from the cache at once, never after racing the network: their freshness
// comes from this versioned worker, so one bar of signal never delays first aid. Nothing else is
// stored, so pages such as the account's, with an e-mail address on them, never stay on the phone.
const PRECACHED = new Set([...ASSETS, ...Object.values(PAGES).flat()]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    languagesInUse().then(async (languages) => {
      const cache = await caches.open(CACHE);
      const diary = await diaryInUse(languages);
      await cache.addAll([...ASSETS, ...languages.flatMap((lang) => PAGES[lang]), ...diary]);
    }),
  );
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
    event.respondWith(navigate(event, url));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.startsWith("/static/") || PRECACHED.has(url.pathname) || ON_DEMAND.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
  // Anything else goes to the network as the page asked for it.
});

async function navigate(event, url) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  // Pages like the diary entry (?id=…) are one cached shell for every query string.
  const stored = PRECACHED.has(url.pathname) || ON_DEMAND.has(url.pathname);
  const cached = stored && request.method === "GET" && (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
  if (request.method === "GET") {
    // "/" (the installed app's start URL) opens in the language last read, without asking the
    // server: the answer would be the same (language.js sets its cookie), only later.
    if (url.pathname === "/") {
      const lang = await cachedLanguage(cache, [await rememberedLanguage(), ...LANGUAGES]);
      if (lang) return Response.redirect(`/${lang}/`, 302);
    }
    const lang = languageOf(url.pathname);
    if (lang && DIARY[lang].includes(url.pathname)) event.waitUntil(storeDiary(cache, lang));
    if (cached && !fromNetworkPage(request)) return cached;
    // A language not stored yet: this page from the network, all of its pages for later.
    if (PRECACHED.has(url.pathname) && !cached) event.waitUntil(storeLanguage(cache, languageOf(url.pathname)));
  }
  try {
    // A form sent (a POST) goes to the server as it is; only its failure is ours to answer.
    return await fetch(request);
  } catch (error) {
    if (cached) return cached;
    // Offline, a page that needs the network says so, in the page's language if it is stored
    // (else in one that is), with the way to first aid, instead of the browser's error page.
    const lang = await cachedLanguage(cache, [languageOf(url.pathname), await rememberedLanguage(), ...LANGUAGES]);
    if (lang) return cache.match(OFFLINE_PAGES[lang]);
    throw error;
  }
}

// Opened from a page that needs the network (an account page, or where a form sent redirects
// to): the server's page may carry a message for this person ("Dein Konto ist angelegt.") that
// the cached copy has not. First aid opened from first aid, from "/" or the home screen never
// waits for the network.
function fromNetworkPage(request) {
  if (!request.referrer) return false;
  const referrer = new URL(request.referrer);
  return referrer.origin === self.location.origin && !PRECACHED.has(referrer.pathname);
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

// Languages whose `marker(code)` page the previous version had stored, or with an open page
// for which `open(path)` holds.
async function inUse(marker, open) {
  const found = new Set();
  for (const key of await caches.keys()) {
    if (key === PREFS || key === CACHE) continue;
    const old = await caches.open(key);
    for (const code of LANGUAGES) if (await old.match(marker(code))) found.add(code);
  }
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    const path = new URL(client.url).pathname;
    if (open(path)) found.add(languageOf(path));
  }
  return found;
}

// The languages to store on install: those the previous version stored (so that switching
// language offline keeps working after an update), those of the open pages, the one last read.
async function languagesInUse() {
  const found = await inUse((code) => PAGES[code][0], () => true);
  found.add(await rememberedLanguage());
  const languages = LANGUAGES.filter((code) => found.has(code));
  return languages.length ? languages : LANGUAGES.slice(0, 1);
}

async function storeLanguage(cache, lang) {
  if (!lang || (await cache.match(PAGES[lang][0]))) return;
  // All or nothing (addAll); on a dead network the next page of this language tries again.
  await cache.addAll(PAGES[lang]).catch(() => {});
}

// The diary's extra pages once the diary is used; on a dead network the next visit tries again.
async function storeDiary(cache, lang) {
  if (await cache.match(DIARY[lang][1])) return;
  await cache.addAll(DIARY[lang].slice(1)).catch(() => {});
}

// On install: the diary extras of each language whose extras the previous version had stored,
// or whose diary is open now (the first visit of all may be the diary's).
async function diaryInUse(languages) {
  const found = await inUse((code) => DIARY[code][1], (path) => DIARY[languageOf(path)]?.includes(path));
  return languages.filter((code) => found.has(code)).flatMap((code) => DIARY[code].slice(1));
}

// The first of these languages whose pages are in the cache.
async function cachedLanguage(cache, candidates) {
  for (const lang of candidates) {
    if (LANGUAGES.includes(lang) && (await cache.match(PAGES[lang][0]))) return lang;
  }
  return null;
}

function languageOf(pathname) {
  return LANGUAGES.find((code) => pathname.startsWith(`/${code}/`));
}

// Written by language.js on every page.
async function rememberedLanguage() {
  const stored = await (await caches.open(PREFS)).match("/language");
  const lang = stored && (await stored.text());
  return LANGUAGES.includes(lang) ? lang : null;
}
