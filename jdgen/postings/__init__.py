"""The posting checks of `jdgen lint`: word lists, measures, readability, pay transparency, reading posting files. May import `common`, `data`, `decide` and `render`."""
