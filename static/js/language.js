// Remembers the language of the page being read, so that "/" (the installed app's start URL)
// opens in it next time: the cookie tells the server, the cache entry tells the service
// worker when the app starts offline.
export function rememberLanguage() {
  const lang = document.documentElement.lang;
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `django_language=${lang}; path=/; max-age=${document.documentElement.dataset.cookieAge}; samesite=lax${secure}`;
  if ("caches" in window) {
    caches.open("krampfhilfe-prefs").then((cache) => cache.put("/language", new Response(lang)));
  }
}
