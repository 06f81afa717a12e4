"""The phrase-library gate's rules (P001-P010) live with the gate in totudocs.phrases.check;
importing it here puts them in the registry, so `totudocs rules` and the docs list them too."""

import totudocs.phrases.check  # noqa: F401  (registers the rules)
