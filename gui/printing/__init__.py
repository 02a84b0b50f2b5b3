"""Printing: printers and page sizes, PDF pages to QPrinter (printer), and the print preview
dialog (preview) and what both PDF previews share (pdf_view).

May import gui's top-level modules and core/; never a screen."""
