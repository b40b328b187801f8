"""vntext tests never use Django.

The project's root conftest has an autouse fixture that takes pytest-django's ``settings``
fixture; when the tests run with ``-p no:django`` this stand-in takes its place.
"""

import types

import pytest


@pytest.fixture
def settings():
    return types.SimpleNamespace()
