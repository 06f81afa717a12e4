"""Built-in rules. Each module registers its rules with :func:`totudocs.lint.registry.register`."""
