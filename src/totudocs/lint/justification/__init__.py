"""Justification checks: discretion must be justified with facts and provisions (HL 45 §),
statements and attachments must be addressed, and statements must carry what Kela can act on.

Two inputs: case data (precise: the checker knows which items used discretion) and documents
(our HTML, or text/Markdown/HTML/PDF from another system, with sections found from headings).
"""
