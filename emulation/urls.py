"""The emulation app's URLs: each part declares its own; names and paths are the app's
(`emulation:…`), in the order the parts were written."""

from emulation.exemplars import urls as exemplar_urls
from emulation.initiatives import urls as initiative_urls
from emulation.movements import urls as movement_urls

app_name = "emulation"
urlpatterns = [
    *initiative_urls.urlpatterns,
    *exemplar_urls.urlpatterns,
    *movement_urls.urlpatterns,
]
