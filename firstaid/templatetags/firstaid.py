from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from firstaid import content

register = template.Library()


@register.filter
def illustration(name):
    # Our own files from the repository, checked to exist when the content loads.
    return mark_safe(content.illustration(name))  # noqa: S308


@register.filter
def with_emergency_number(text, number):
    """Fill the {emergency} placeholder with a number that country.js can switch offline."""
    before, placeholder, after = text.partition("{emergency}")
    if not placeholder:
        return text
    return format_html('{}<span data-number="emergency">{}</span>{}', before, number, after)


@register.filter
def minutes(seconds):
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def source(source_id):
    return next(s for s in content.load(get_language())["sources"] if s["id"] == source_id)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
