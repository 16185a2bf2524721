from .scoring import WEIGHTS, rank_rows, rate, score
