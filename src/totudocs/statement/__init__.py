"""Drafting social-care statements: a commented skeleton, checks, and the local web form."""
