"""wowcoach: a command-line coach for WOW customer service in small shops."""

__version__ = "0.1.0"
