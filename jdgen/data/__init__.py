"""The data and the inputs: safe YAML, the models, the catalog and its checks, profiles, answers, schemas. May import: `common`."""
