"""MkDocs hooks that the per-language configs load by path (post-processing only, no content)."""
