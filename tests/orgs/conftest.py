from tests.frameworks.fixtures import framework  # noqa: F401 (a pytest fixture)
