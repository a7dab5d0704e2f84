"""Django's template backend, its render's context let go of at once (settings.TEMPLATES).

A render pushes the view's context onto a `RequestContext` as a `ContextDict`, which refers
back to the context that lists it: a reference cycle. Everything the page's context holds — a
list's fifty rows, their ids, the page, the forms — was freed only by the cyclic garbage
collector, and made it run: on the ledger's page 1 the collector ran 0.38 times a request,
~130 µs a request, for 440 objects left in cycles. Emptying the context's list of dicts once
the render is done breaks the cycle, so they are freed as soon as the render returns (the
collector then runs half as often: measured in docs/performance.md, session 14, hB).

Nothing reads the context after its render: the response holds the rendered text, and the test
client's record of it (`response.context`) is a copy made during the render, with its own list.
"""

from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates as DjangoBackend
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.django import reraise
from django.template.context import make_context


class Template(DjangoTemplate):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)
        finally:
            context.dicts.clear()  # the ContextDicts' way back to the context: see above


class DjangoTemplates(DjangoBackend):
    def from_string(self, template_code):
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)
