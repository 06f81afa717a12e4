"""``totudocs serve``: a local web form for drafting social-care statements."""
