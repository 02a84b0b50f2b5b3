"""Printable slips and notices: plain data in, PDF bytes out (Qt-free)."""
