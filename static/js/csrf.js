// Django's CSRF token, read from its cookie at the moment a request leaves. A form's hidden
// token is fixed when the page is rendered; when two requests reach the server without a
// cookie at the same time (a page and a background sync, say), each gets a new one and the
// last one set wins, so the form's token would no longer match and the user would see a 403.
export function csrfToken() {
  return document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)?.[1] ?? "";
}

export function refreshFormToken(form) {
  const field = form.querySelector("input[name=csrfmiddlewaretoken]");
  const token = csrfToken();
  if (field && token) field.value = token;
}

// Capture phase: runs before any page's own submit handler.
document.addEventListener("submit", (event) => refreshFormToken(event.target), true);
