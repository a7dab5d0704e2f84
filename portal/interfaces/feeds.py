"""The Atom feed of newly issued decisions (/cong-khai/quyet-dinh/atom.xml). Decision-level
public facts only: number, date, issuer, summary, titles/forms and how many awardees — no
names of people and never personal data."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.domain.queries.decisions import latest_decisions

FEED_SIZE = 50


class DecisionFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Emulation and commendation decisions")
    subtitle = gettext_lazy("Newly issued commendation decisions, published on the public "
                            "portal.")
    link = reverse_lazy("portal:decision_list")

    def items(self):
        return latest_decisions(FEED_SIZE)

    def item_title(self, item):
        return f"{item['label']} — {item['summary']}"

    def item_description(self, item):
        forms = "; ".join(f"{name}: {n}" for name, n in item["forms"])
        return _("%(date)s — %(issuer)s. Awardees: %(count)s (%(forms)s).") % {
            "date": item["date"].strftime("%d/%m/%Y"), "issuer": item["authority_title"],
            "count": item["awardees"], "forms": forms}

    def item_link(self, item):
        return reverse("portal:decision_detail", args=[item["public_id"]])

    def item_pubdate(self, item):
        return item["issued_at"]

    def item_updateddate(self, item):
        return item["issued_at"]

    def item_author_name(self, item):
        return item["issuer__name"]
