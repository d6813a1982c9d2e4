"""Build-time machinery of the site: run each page's snippets and draw their figures."""
