"""planlint: lint government-openness division plans against higher-level requirements."""

__version__ = "0.1.0"
