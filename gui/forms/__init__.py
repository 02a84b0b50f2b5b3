"""The registration forms: the intake form (F2) with its scope decision, widgets and materials
checklist, the phone log (F3), and what a form says back (form_feedback).

May import gui's top-level modules, gui.widgets and core/; the desk owns the forms, not the
reverse (the forms' shared action widgets come from gui.desk.action_widgets)."""
