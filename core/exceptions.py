from django.core.exceptions import RequestDataTooBig
from rest_framework import views

from core.parsers import PayloadTooLarge


def exception_handler(exc, context):
    """Django's own body limit (DATA_UPLOAD_MAX_MEMORY_SIZE) answers with a structured 413 too,
    not with an HTML 400."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    return views.exception_handler(exc, context)
