"""Offline stand-in for the get-pip.py script that ansible-test downloads.

ansible-test sanity bootstraps pip into its virtual environments with a
script from ci-files.testing.ansible.com. Where that host is unreachable,
scripts/sanity.sh puts this file in ansible-test's cache instead: pip comes
from the standard library's ensurepip wheel, then the requested packages are
installed from the normally configured package index.
"""
import ensurepip
import os
import runpy
import sys

saved_environment = dict(os.environ)  # ensurepip clears PIP_* and sets PIP_CONFIG_FILE=/dev/null
ensurepip.bootstrap(upgrade=True, default_pip=True)
os.environ.clear()
os.environ.update(saved_environment)
arguments = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
sys.argv = ["pip", "install"] + arguments
runpy.run_module("pip", run_name="__main__", alter_sys=True)
