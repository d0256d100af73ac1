"""Publishing: the MkDocs site built beside the old one and swapped in, fast, incremental or in shards."""
