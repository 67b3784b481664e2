from django.utils.http import url_has_allowed_host_and_scheme


def same_site(request, target, default):
    """`target` if it stays on this site (and on HTTPS when the request is), else `default`:
    an address taken from the request must never send anyone to another site."""
    target = target or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default
