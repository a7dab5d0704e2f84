"""`{% keep name %}…{% endkeep %}`: a part of a portal page kept with its content
(portal.interfaces.kept): rendered from the kept html when the page is kept, else rendered and
recorded for keeping. Outside a kept page (no `kept_parts`) it renders as if it were not there."""

from django import template

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        parts = context.get("kept_parts")
        if parts is None:
            return self.nodelist.render(context)
        if parts.html is not None:
            return parts.html[self.name]
        html = parts.recorded[self.name] = self.nodelist.render(context)
        return html


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% keep name %} takes one name")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(bits[1], nodelist)
