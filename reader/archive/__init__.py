"""The archive of watched articles: every version a page had, kept in one SQLite file.

`store` is the database, `watch` the polling loop that fills it, `history` turns an
article's versions back into sources to compare, `commands` is the command line of
`reader watch`, `reader history` and `reader archive add`.
"""
