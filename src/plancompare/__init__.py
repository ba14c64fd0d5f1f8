"""plancompare: Swedish municipal plans on competence supply, side by side."""

__version__ = "0.1.0"
