import io

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("Die Anfrage ist zu groß.")
    default_code = "too_large"


class LimitedJSONParser(JSONParser):
    """JSON up to `max_bytes`; a larger body is refused unread. DRF reads the request stream
    itself, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE, so the limit has to be here. Every
    endpoint parses JSON with this class (settings.REST_FRAMEWORK)."""

    max_bytes = 4 * 1024 * 1024

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(self.max_bytes + 1)
        if len(raw) > self.max_bytes:
            raise PayloadTooLarge()
        try:
            return super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:
            # Python's json module recurses once per level of nesting: a few thousand "[" in
            # a small body exceed the interpreter's limit. Nothing we accept is nested deeply.
            raise ParseError(_("Das JSON ist zu tief verschachtelt.")) from None
