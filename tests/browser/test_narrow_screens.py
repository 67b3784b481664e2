"""Every stored page at 320 and 360 px: no word of a heading or a button breaks at a letter, and
no button's words stick out of it. The test Chromium hyphenates no German, as some phones do not
either; Lighthouse and axe see neither of these."""

import pytest

from shell import precache

WIDTHS = [320, 360]

# Words split over two lines, other than at a hyphen or a soft hyphen (U+00AD).
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const element of document.querySelectorAll("h1, h2, h3, .button, button, label, summary")) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const word of node.textContent.matchAll(/\S+/g)) {
        if (/[\u00ad\-–\/]/.test(word[0].slice(0, -1))) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""

# Buttons whose visible words reach outside the button.
CLIPPED_BUTTONS = r"""() => {
  const clipped = [];
  for (const button of document.querySelectorAll(".button, button")) {
    const box = button.getBoundingClientRect();
    if (!box.width) continue;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (text.width && (text.left < box.left - 1 || text.right > box.right + 1)) {
        clipped.push(button.innerText.replace(/\s+/g, " "));
      }
    }
  }
  return clipped;
}"""


def stored_pages():
    every = {**precache.pages_by_language(precache.ACUTE)}
    for lang, paths in precache.pages_by_language(precache.LATER).items():
        every[lang] = every.get(lang, []) + paths
    return [path for paths in every.values() for path in paths]


@pytest.mark.parametrize("width", WIDTHS)
def test_it_breaks_no_word_and_clips_no_button_on_a_narrow_phone(browser, shared_server, width):
    context = browser.new_context(viewport={"width": width, "height": 640}, has_touch=True)
    page = context.new_page()
    found = {}
    for path in stored_pages():
        page.goto(shared_server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        broken, clipped = page.evaluate(BROKEN_WORDS), page.evaluate(CLIPPED_BUTTONS)
        if broken or clipped:
            found[path] = {"broken words": broken, "clipped buttons": clipped}
    context.close()
    assert not found
