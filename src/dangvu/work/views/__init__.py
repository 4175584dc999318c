"""Pages of the work records, one module per kind of record; each view parses the request, calls a query or
an action, renders. Errors of the user's input come back on the form, never as a 500."""
