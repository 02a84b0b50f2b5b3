"""The one version number: packaging, the About box and the Windows resource read it."""

__version__ = "0.1.0"
