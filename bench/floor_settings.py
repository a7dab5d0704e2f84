"""The production settings serving bench/floor_urls.py (`bench_pages.py --floor`); never
deployed."""

from tdkt.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
