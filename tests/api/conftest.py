def pytest_terminal_summary(terminalreporter):
    from tests.api.test_schemathesis import EXAMPLES

    if EXAMPLES:
        counts = ", ".join(f"{role} {n}" for role, n in sorted(EXAMPLES.items()))
        terminalreporter.write_line(f"schemathesis examples run: {counts}")
