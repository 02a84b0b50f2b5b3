"""A case's life: the one table of what may happen to a case, by whom and when (lifecycle),
who must act next (next_actor), each person's inbox (inbox) and the one due-state rule (due).

May import core's shared machinery (errors, vocab, relations, register) and models; the
workflow functions in core.workflow run every step through lifecycle.guard."""
