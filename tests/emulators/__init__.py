"""Network emulators that the tests (and benchmarks) talk to over real HTTP."""
