// Remembers the language of the page being read, so that "/" (the installed app's start)
// opens in it next time. The service worker remembers it for offline starts.
export function rememberLanguage() {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `django_language=${document.documentElement.lang}; path=/; max-age=31536000; samesite=lax${secure}`;
}
