"""Helpers every app shares: strict API fields, the JSON parser and error answers, the CSP,
same-site redirects, the error pages and the static storage. Not an app: nothing to install."""
