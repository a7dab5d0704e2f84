"""The eligibility engine: pure Python, no ORM. See engine.evaluate."""
