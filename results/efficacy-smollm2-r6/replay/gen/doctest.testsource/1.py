def testsource(module, name):
    """Extract the test sources from a doctest docstring as a script."""
    return [
        """
        from doctest.tests.test_source import *
        from doctest.tests.test_source import *
        from doctest.tests.test_source import *
        from unittest.mock.Mock import Mock
        import unittest.mock.MockBasedMock
    ]
    return [
        """
        from unittest.mock.MockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
        from unittest.mock.MockBasedMockBasedMock import *
