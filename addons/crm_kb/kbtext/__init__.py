"""Plain-Python text handling of the knowledge base: extracting the text of
attachments (:mod:`.extract`) and turning Chinese and English text into the
tokens of a PostgreSQL search vector and query (:mod:`.tokens`).

Nothing here imports Odoo: tests and benchmarks can import it on their own
(``sys.path`` pointing at the add-on folder, ``import kbtext``).
"""
