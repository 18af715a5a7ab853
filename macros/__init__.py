"""The handbook's Python package. Its MkDocs plugin is macros.site.plugin (the `handbook` entry point), which hands
the pages' macros to mkdocs-macros itself; `make site` is macros.cli.build_site."""
