"""Supplier evaluation maths, free of the ORM.

A supplier's overall score (0-100) is the weighted mean of the components it
has figures for in the period:

- on-time delivery rate: received lines whose last receipt came no later
  than the promised day (the purchase line's ``date_planned``), in % of
  received lines, weight 40;
- 100 - return rate: quantity sent back in % of quantity received, weight 30;
- quality score: mean of the manual scores (0-100), weight 30.

A component without data (nothing received, no evaluation) is left out and
the other weights are scaled up, so a new supplier is not punished for
having no history. The SQL report view computes the same formula with
these WEIGHTS.
"""

WEIGHTS = {"on_time": 0.4, "returns": 0.3, "quality": 0.3}


def rate(part, whole):
    """``part`` in % of ``whole``; None when ``whole`` is empty."""
    if not whole:
        return None
    return 100.0 * part / whole


def score(on_time_rate, return_rate, quality_score):
    """Overall score from the three components (each may be None)."""
    components = {
        "on_time": on_time_rate,
        "returns": None if return_rate is None else 100.0 - return_rate,
        "quality": quality_score,
    }
    total = weight = 0.0
    for key, value in components.items():
        if value is not None:
            total += WEIGHTS[key] * value
            weight += WEIGHTS[key]
    return total / weight if weight else None


def rank_rows(rows):
    """Rank dicts by ``score`` (best first, ties share a rank, rows without
    score last and unranked); sets ``rank`` and returns the sorted list."""
    scored = sorted((r for r in rows if r.get("score") is not None),
                    key=lambda r: (-r["score"], r.get("partner_id") or 0))
    previous, rank = None, 0
    for position, row in enumerate(scored, 1):
        if row["score"] != previous:
            rank, previous = position, row["score"]
        row["rank"] = rank
    rest = [r for r in rows if r.get("score") is None]
    for row in rest:
        row["rank"] = 0
    return scored + rest
