"""Pages compressed with brotli where the browser takes it, else gzip (Django's middleware).

BREACH: compression lets an attacker who can put text into a page and watch its size guess a
secret on the same page. Django's gzip pads every response by a random number of bytes ("Heal
The Breach", Django 4.2) and masks CSRF tokens anew in each response. Brotli has no such padding
here, so it is used only for what holds no secret: pages for someone not logged in that carry
no CSRF form field (the first-aid pages, the ones that must load fast on one bar of signal).
Everything personal (logged in, API with a token, any form with a token) gets Django's gzip.
Static files are compressed ahead by WhiteNoise and never reach this.

No package for this: django-compression-middleware (last release 2023) has no BREACH padding,
and the `brotli` module is here already for WhiteNoise."""

import re

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

ACCEPTS_BROTLI = re.compile(r"\bbr\b(?!\s*;\s*q=0(?:\.0*)?(?![\d.]))")
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
QUALITY = 5  # smaller than gzip at about its time (0.6 ms a page); 9 and up take 20+ ms


def public(request, response):
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated) and CSRF_FIELD not in response.content


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
            or not ACCEPTS_BROTLI.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            or not public(request, response)
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # RFC 9110 8.8.1, as Django's gzip does
        response.headers["Content-Encoding"] = "br"
        return response
