"""Demo content for this app, built on the page tree of ``fabrique.core.demo.seed_site``."""


def seed(context: dict) -> None:
    """Nothing yet beyond the section's index page."""
