"""intake: secure intake of customer datasets."""
__version__ = "0.1.0"
