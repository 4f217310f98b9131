"""Minimal Pelican settings for the clinicsite benchmark: content/ is written by benchmarks/run.py.

Every file is a page (no articles, so no feeds, archives, tags, categories or pagination);
each page is written to <path>/index.html like clinicsite's clean URLs, with a one-template theme.
"""

SITENAME = "Synthetic Pain Clinic"
SITEURL = ""
PATH = "content"
THEME = "theme"
THEME_STATIC_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

ARTICLE_PATHS: list[str] = []
PAGE_PATHS = [""]
PATH_METADATA = r"(?P<path_no_ext>.*)\..*"
PAGE_URL = "{path_no_ext}/"
PAGE_SAVE_AS = "{path_no_ext}/index.html"

DIRECT_TEMPLATES: list[str] = []
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
