"""A read-only TAXII 2.1 server over the posts a token's owner may read."""
