"""The small news article the batch and database tests build their folders from."""

ARTICLE = (
    "Toyota to invest $10 billion in US plants\n"
    "October 28, 2025\n"
    "TOKYO - Toyota Motor Corporation said on Tuesday it will invest more than $10 billion, "
    "while Japan faces a 15% tariff on its cars{official}.\n"
)


def article(n: int, official: bool = False) -> str:
    """The article with its amount set to ``$n billion`` (so each copy has its own content hash);
    ``official`` adds a named official (Prime Minister Sanae Takaichi)."""
    text = ARTICLE.format(official=", Prime Minister Sanae Takaichi said" if official else "")
    return text.replace("$10 billion", f"${n} billion", 1)
