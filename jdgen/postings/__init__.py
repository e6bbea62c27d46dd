"""The posting checks of `jdgen lint`: word lists, measures, readability, pay laws, JSON-LD, posting files. May import: `common`, `data`, `decide`, `render`."""
