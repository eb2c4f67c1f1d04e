import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# What is loaded by now (Django, the apps, their models) lives as long as the process: frozen, it is left out of
# the collector's full passes, which otherwise walk it again every few hundred requests (about 3% of a builder
# change, measured with bench/builder.py's nudges).
gc.freeze()

from django.conf import settings  # noqa: E402  (configured by the line above)

# Tools and tests may run on the development key; a served site never may.
if not settings.DEBUG and settings.SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value before serving with DEBUG off.")
