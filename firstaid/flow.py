"""The guided flow: the emergency screen, the steps in content order, then the end screen."""

from django.urls import reverse

from firstaid import content


def pages():
    """URL names and kwargs of every flow screen, in order."""
    steps = [("step", {"step_id": s["id"]}) for s in content.load("de")["steps"]]
    return [("emergency", {}), *steps, ("end", {})]


def neighbours(name, **kwargs):
    """The URLs before and after a flow screen (None at either end)."""
    order = pages()
    index = order.index((name, kwargs))
    before = reverse(order[index - 1][0], kwargs=order[index - 1][1]) if index else None
    after = (
        reverse(order[index + 1][0], kwargs=order[index + 1][1]) if index + 1 < len(order) else None
    )
    return before, after
