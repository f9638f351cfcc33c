"""Who may open which case, and the access log that says who did.

- :mod:`mapping.access.users`: users, teams and roles (rights come from casemap,
  identity from the organisation's sign-in);
- :mod:`mapping.access.guard`: :class:`GuardedStore`, the one place that grants
  access and writes the log line;
- :mod:`mapping.access.log`: the append-only, hash-chained access log (NEN 7513);
- :mod:`mapping.access.config`: personal or team mode, and what team mode needs;
- :mod:`mapping.access.signin` and :mod:`mapping.access.commands`: sign-in, and the
  command line of users, teams and the log.

May import: ``mapping.core``, ``mapping.formats`` and ``mapping.storage`` (the guard
wraps the store); never a service.
"""

from mapping.access.guard import AccessDenied, Action, GuardedStore, Principal

__all__ = ["AccessDenied", "Action", "GuardedStore", "Principal"]
