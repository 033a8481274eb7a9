"""The territorial observatory: figures about the offer as a whole, per territory.

Pure functions of the Directory (no page, no HTML): `scopes` says which territories are observed,
`facts` computes once what each offer contributes, and one module per figure (portfolio, hours,
coverage, publics, network, freshness, activity) turns them into `Table`s that the page kind
`generator.site.pages.observatoire` shows as charts, tables and CSV files.
"""
