"""The interface's own words on a page — headers, labels, buttons, terms, hints, badges,
placeholders, the navigation — as opposed to the data it shows (names, titles, summaries) and
to content marked as Vietnamese whatever the interface language (`lang="vi"` below <html>:
the user guide)."""

from html.parser import HTMLParser

UI_TAGS = {"th", "button", "label", "legend", "summary", "dt", "nav"}
UI_CLASSES = {"help", "badge", "button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # (tag, starts a piece of UI text, inside content marked Vietnamese)
        self.stack: list[tuple[str, bool, bool]] = []
        self.vietnamese = 0  # depth inside content marked lang="vi"
        self.parts: list[list[str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("placeholder") and not self.vietnamese:
            self.texts.append(attrs["placeholder"])
        if tag in VOID:
            return
        if self.vietnamese or (tag != "html" and (attrs.get("lang") or "").startswith("vi")):
            self.vietnamese += 1
            self.stack.append((tag, False, True))
            return
        ui = tag in UI_TAGS or bool(UI_CLASSES & set((attrs.get("class") or "").split()))
        self.stack.append((tag, ui, False))
        if ui:
            self.parts.append([])

    def handle_endtag(self, tag):
        if tag in VOID:  # `<img … />` ends here too: it was never pushed, so pop nothing
            return
        while self.stack:
            open_tag, ui, vietnamese = self.stack.pop()
            self.vietnamese -= vietnamese
            if ui:
                text = " ".join("".join(self.parts.pop()).split())
                if text:
                    self.texts.append(text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.parts and not self.vietnamese:
            self.parts[-1].append(data)


def ui_texts(body: str) -> list[str]:
    parser = _Parser()
    parser.feed(body)
    return parser.texts
