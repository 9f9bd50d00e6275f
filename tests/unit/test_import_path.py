from ansible_collections.smartlic.slp.plugins.module_utils import parsers


def test_collection_importable():
    assert parsers.__name__.endswith("plugins.module_utils.parsers")
