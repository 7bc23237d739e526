"""The site's own date formats, over Django's for its language (FORMAT_MODULE_PATH)."""
