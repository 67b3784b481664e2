// Krampfhilfe service worker, rendered by shell.views.service_worker.
// Its version is a digest of content, templates, translations and static hashes: any change
// changes these bytes, so the browser installs the new worker next time the app is online.
const VERSION = "{{ version }}";
const CACHE = `krampfhilfe-${VERSION}`;
const PREFS = "krampfhilfe-prefs";
// The acute set, stored at install: the hashed static files first aid loads, the manifest, and
// first aid's pages per language (each app lists its own). Only the languages the person reads
// are stored (docs/architecture.md, budget: 300 KiB); another one is stored when a page of it is
// first opened online.
const ASSETS = {{ assets_json|safe }};
const PAGES = {{ pages_json|safe }};
// The later set (the diary): stored in the background once this worker is active, so that it
// never delays or breaks the install; a failure is tried again at the next navigation.
const LATER_ASSETS = {{ later_assets_json|safe }};
const LATER_PAGES = {{ later_pages_json|safe }};
const LANGUAGES = {{ languages_json|safe }};
const OFFLINE_PAGES = {{ offline_pages_json|safe }};
// These are answered from the cache at once, never after racing the network: their freshness
// comes from this versioned worker, so one bar of signal never delays first aid. Nothing else is
// stored, so pages such as the account's, with an e-mail address on them, never stay on the phone.
const PRECACHED = new Set([...ASSETS, ...LATER_ASSETS, ...Object.values(PAGES).flat(), ...Object.values(LATER_PAGES).flat()]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    languagesInUse().then(async (languages) => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS, ...languages.flatMap((lang) => PAGES[lang])]);
    }),
  );
  // No skipWaiting() here: the new version waits until the user taps "update" or the app
  // starts afresh, so that a page never runs against a half-swapped cache.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    noteOwed()
      .then(() => caches.keys())
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== PREFS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
  storeLater(); // not waited for: pages are answered meanwhile
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
  } else if (url.pathname.startsWith("/static/") || PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
  // Anything else goes to the network as the page asked for it.
});

async function navigate(event, url) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  // Pages like the diary entry (?id=…) are one cached shell for every query string.
  const cached = PRECACHED.has(url.pathname) && request.method === "GET" && (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
  if (request.method === "GET") {
    event.waitUntil(storeOwed(cache));
    // "/" (the installed app's start URL) opens in the language last read, without asking the
    // server: the answer would be the same (language.js sets its cookie), only later.
    if (url.pathname === "/") {
      const lang = await cachedLanguage(cache, [await rememberedLanguage(), ...LANGUAGES]);
      if (lang) return Response.redirect(`/${lang}/`, 302);
    }
    event.waitUntil(storeLater());
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

// The languages to store on install: those the previous version stored (so that switching
// language offline keeps working after an update), those of the open pages, the one last read.
async function languagesInUse() {
  const found = await storedBefore();
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) found.add(languageOf(new URL(client.url).pathname));
  found.add(await rememberedLanguage());
  const languages = LANGUAGES.filter((code) => found.has(code));
  return languages.length ? languages : LANGUAGES.slice(0, 1);
}

// The languages the older versions' caches hold.
async function storedBefore() {
  const found = new Set();
  for (const key of await caches.keys()) {
    if (key === PREFS || key === CACHE) continue;
    const old = await caches.open(key);
    for (const code of LANGUAGES) if (await old.match(PAGES[code][0])) found.add(code);
  }
  return found;
}

// A language the old version stored while this one waited (opened after this one's install) is
// noted on activation and stored at the next navigation: activation must not wait for the network.
async function noteOwed() {
  const cache = await caches.open(CACHE);
  const owed = [];
  for (const lang of await storedBefore()) if (!(await cache.match(PAGES[lang][0]))) owed.push(lang);
  const prefs = await caches.open(PREFS);
  await (owed.length ? prefs.put("/owed", new Response(JSON.stringify(owed))) : prefs.delete("/owed"));
}

async function storeOwed(cache) {
  const prefs = await caches.open(PREFS);
  const owed = await (await prefs.match("/owed"))?.json();
  if (!owed) return;
  await Promise.all(owed.map((lang) => storeLanguage(cache, lang)));
  const stored = await Promise.all(owed.map((lang) => cache.match(PAGES[lang][0])));
  // Owed until stored: on a dead network the next navigation tries again.
  if (stored.every(Boolean)) await prefs.delete("/owed");
}

async function storeLanguage(cache, lang) {
  if (!lang || (await cache.match(PAGES[lang][0]))) return;
  // All or nothing (addAll); on a dead network the next page of this language tries again.
  await cache.addAll(PAGES[lang]).catch(() => {});
  await storeLater();
}

// The later set of every language whose acute set is stored, one run after the other so that a
// language stored meanwhile is seen. A failure (no network) is ignored: the next navigation or
// the next start tries again.
let later = Promise.resolve();
function storeLater() {
  later = later.then(storeLaterNow).catch(() => {});
  return later;
}

async function storeLaterNow() {
  const cache = await caches.open(CACHE);
  for (const lang of LANGUAGES) {
    const pages = LATER_PAGES[lang];
    if (!pages.length || !(await cache.match(PAGES[lang][0])) || (await cache.match(pages[0]))) continue;
    const missing = [];
    for (const url of LATER_ASSETS) if (!(await cache.match(url))) missing.push(url);
    await cache.addAll([...missing, ...pages]);
  }
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
