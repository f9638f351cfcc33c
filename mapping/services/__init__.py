"""What a casemanager does with a case, built on everything below.

balance (the balansmodel), plan (the hulpverleningsplan), compare (two states
of a case in words), report (the dossier PDF), export (a lens as SVG, PNG or
PDF), pseudonym, metrics (network analysis in plain words), subject and
subject_report (inzage and erasure, AVG 15 and 17), retention (bewaartermijn),
demo and training (the example cases), and the command-line parts of data
protection and inzage (protection_commands, subject_commands).

May import: every other folder of ``mapping`` except ``mapping.cli``.
"""
