"""The editors' desk: a web app on the same database and the same engine as the command line."""
