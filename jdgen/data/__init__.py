"""Reading the data and the inputs: safe YAML, the models, the catalog and its checks, profiles and answers, JSON Schemas. May import `jdgen.common`."""
