"""Build-time machinery of the site, by role:

- ``page/``: a page read once into one model (:mod:`build_hooks.page.model`): its code
  fences, the examples the tests run, figure descriptions, placeholders; and how its
  snippets run (:mod:`build_hooks.page.snippets`).
- ``figures/``: figure making: the engine, its cache, the capture of figures, their SVG
  export, the dark variant, the site's figure style and palette, worker processes.
- ``site/``: the site's extras: the package's wheel, the build's own values
  (``{{ version }}``...) and each page as a notebook.
- ``plugin.py``: the MkDocs adapter, event by event; ``mkdocs_hook.py`` is the file MkDocs
  loads, and hands every event to it.
"""
