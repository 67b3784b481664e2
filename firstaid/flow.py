"""The guided flow: the emergency screen, "how strong is it?" with quick starts, the gentle
steps, the "see a doctor today" screen, the stretches, then the end screen."""

from django.conf import settings
from django.urls import reverse

from firstaid import content


def pages():
    """Namespaced URL names and kwargs of every flow screen, in order."""
    screens = [("firstaid:emergency", {}), ("firstaid:begin", {})]
    # Every language has the same steps in the same order (content.py checks it). Someone with a
    # "see a doctor today" sign (fever, cancer, a weak immune system, …) should read those signs
    # before bending and twisting the spine, so that screen comes before the first stretch.
    for step in content.load(settings.LANGUAGE_CODE)["steps"]:
        if step["phase"] == "stretch" and ("firstaid:today", {}) not in screens:
            screens.append(("firstaid:today", {}))
        screens.append(("firstaid:step", {"step_id": step["id"]}))
    if ("firstaid:today", {}) not in screens:
        screens.append(("firstaid:today", {}))
    return [*screens, ("firstaid:end", {})]


def gentle_steps(lang):
    """The steps that bend and twist nothing: where "yes" on the today screen leads back to."""
    return [step for step in content.load(lang)["steps"] if step["phase"] == "gentle"]


def is_stretch(screen):
    name, kwargs = screen
    step = content.step_by_id(settings.LANGUAGE_CODE, kwargs.get("step_id", ""))
    return name == "firstaid:step" and step is not None and step["phase"] == "stretch"


def neighbours(name, **kwargs):
    """The URLs before and after a flow screen (None at either end)."""
    order = pages()
    index = order.index((name, kwargs))
    before = reverse(order[index - 1][0], kwargs=order[index - 1][1]) if index else None
    # The end screen is also where "yes" on the today screen leads: its way back goes to that
    # screen, never straight into a stretch.
    if name == "firstaid:end" and index and is_stretch(order[index - 1]):
        before = reverse("firstaid:today")
    after = (
        reverse(order[index + 1][0], kwargs=order[index + 1][1]) if index + 1 < len(order) else None
    )
    return before, after
