#!/usr/bin/env python3
"""Runs the pseudo-terminal tests: align at a real prompt, driven by pexpect.

Usage: run.py PATH_TO_ALIGN. Each test_*.py module in this folder defines
functions named test_*; each gets the binary's path and a fresh HOME."""
import importlib.util, os, sys, tempfile, traceback, pathlib

def main():
    binary = os.path.abspath(sys.argv[1])
    here = pathlib.Path(__file__).parent
    failures, count = 0, 0
    for path in sorted(here.glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name in sorted(n for n in dir(module) if n.startswith("test_")):
            count += 1
            with tempfile.TemporaryDirectory() as home:
                try:
                    getattr(module, name)(binary, home)
                    print(f"pass  {path.stem}.{name}")
                except Exception:
                    failures += 1
                    print(f"FAIL  {path.stem}.{name}")
                    traceback.print_exc()
    print(f"{count} pseudo-terminal tests, {failures} failed")
    if count == 0:
        print("no pseudo-terminal tests were found")
        sys.exit(1)
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
