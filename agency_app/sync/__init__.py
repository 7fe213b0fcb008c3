"""Branch bundles: export, import, merge — no Qt."""
