"""The website: a mkdocs plugin that turns the Directory into pages rendered by the theme's templates."""
