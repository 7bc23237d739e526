"""Tooling that works on the site but is not part of it: benchmarks and the synthetic archive
they and the load tests fill databases with. The apps never import from here."""
